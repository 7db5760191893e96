import { MantineProvider } from '@mantine/core';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../i18n';
import { StyleGuidePage } from './StyleGuidePage';

const entry = (over: Record<string, unknown>) => ({
  id: 'x', section: 'banned', kind: '', text: '', variants: [], network: '', channelId: '', campaignId: '', tone: '', guidance: '',
  good: [], bad: [], rating: '', reason: '', replacement: '', severity: '', mode: '', max: 0, color: '', label: '', sha256: '',
  fileName: '', size: 0, mime: '', example: false, ...over,
});

const sections = ['names', 'terms', 'tone', 'rating', 'branding', 'hashtags', 'banned', 'emoji', 'disclosures', 'usage'];
let guide: { sections: { section: string; entries: ReturnType<typeof entry>[] }[]; examples: number; total: number };
let can = 'yes';
const save = vi.fn();

vi.mock('../../shared/api/styleguide', async (orig) => ({
  ...(await orig<typeof import('../../shared/api/styleguide')>()),
  useStyleGuide: () => ({ isPending: false, isError: false, data: guide }),
  useSaveEntry: () => ({ mutateAsync: save, isPending: false }),
  useRemoveEntry: () => ({ mutate: vi.fn() }),
  useClearExample: () => ({ mutateAsync: vi.fn(), isPending: false }),
  useAddLogo: () => ({ mutateAsync: vi.fn() }),
  useImportGuide: () => ({ mutateAsync: vi.fn(), isPending: false }),
  logoContent: vi.fn(),
  exportGuide: vi.fn(),
  previewImport: vi.fn(),
}));
vi.mock('../../shared/api/permissions', () => ({ useCan: () => can }));
vi.mock('../../shared/api/calendar', () => ({ useChannels: () => ({ data: [] }), useCampaigns: () => ({ data: [] }) }));
vi.mock('../../shared/api/team', () => ({ useNetworks: () => ({ data: [{ id: 'instagram', name: 'Instagram' }, { id: 'linkedin', name: 'LinkedIn' }] }) }));
vi.mock('../../shared/api/files', () => ({ chooseFolder: vi.fn(), openFile: vi.fn() }));

function renderPage(language = 'en') {
  render(
    <QueryClientProvider client={new QueryClient()}>
      <MantineProvider>
        <StyleGuidePage language={language} />
      </MantineProvider>
    </QueryClientProvider>,
  );
}

describe('StyleGuidePage', () => {
  beforeEach(async () => {
    can = 'yes';
    save.mockReset();
    guide = {
      sections: sections.map((s) => ({ section: s, entries: [] as ReturnType<typeof entry>[] })),
      examples: 1,
      total: 2,
    };
    guide.sections[6].entries.push(entry({ id: 'b1', text: 'termurah', replacement: 'terjangkau', reason: 'Klaim harga', severity: 'error', example: true }));
    guide.sections[7].entries.push(entry({ id: 'e1', section: 'emoji', network: 'linkedin', mode: 'none' }));
    await i18n.changeLanguage('en');
  });

  it('shows every section, its entries in plain words, and says what to do where a section is empty', () => {
    renderPage();
    const banned = screen.getByTestId('guide-section-banned');
    expect(within(banned).getByText(/termurah → instead: terjangkau/)).toBeTruthy();
    expect(within(banned).getByText('Why: Klaim harga')).toBeTruthy();
    expect(within(screen.getByTestId('guide-section-emoji')).getByText('LinkedIn: None')).toBeTruthy();
    expect(within(screen.getByTestId('guide-section-names')).getByText(/No names yet. Add your brand's name/)).toBeTruthy();
    expect(screen.getByTestId('guide-example').textContent).toMatch(/example guide/);
    expect(screen.queryByTestId('guide-read-only')).toBeNull();
  });

  it('adds a banned phrase with its replacement through the form', async () => {
    save.mockResolvedValue({});
    renderPage();
    fireEvent.click(screen.getByRole('button', { name: 'Add to Banned words and phrases' }));
    fireEvent.change(await screen.findByLabelText('Phrase'), { target: { value: 'murah banget' } });
    fireEvent.change(screen.getByLabelText('Suggested replacement'), { target: { value: 'hemat' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(save).toHaveBeenCalled());
    expect(save.mock.calls[0][0]).toMatchObject({ section: 'banned', text: 'murah banget', replacement: 'hemat', severity: 'warning', id: '' });
  });

  it('lets a member without the right read the guide, with the reason on every change button', () => {
    can = 'no';
    renderPage();
    expect(screen.getByTestId('guide-read-only').textContent).toMatch(/do not allow editing the style guide/);
    const add = screen.getByRole('button', { name: 'Add to Banned words and phrases' });
    expect(add.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(add);
    expect(screen.queryByLabelText('Phrase')).toBeNull();
    expect(screen.getByRole('button', { name: 'Clear the example' }).getAttribute('aria-disabled')).toBe('true');
  });

  it('speaks Bahasa Indonesia', async () => {
    await i18n.changeLanguage('id');
    renderPage('id');
    expect(screen.getByRole('heading', { name: 'Panduan gaya' })).toBeTruthy();
    expect(within(screen.getByTestId('guide-section-banned')).getByText(/termurah → gantinya: terjangkau/)).toBeTruthy();
    expect(screen.getByText(/Belum ada nama/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Hapus contoh' })).toBeTruthy();
  });
});
