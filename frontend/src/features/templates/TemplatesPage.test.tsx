import { MantineProvider } from '@mantine/core';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../i18n';
import { TemplatesPage } from './TemplatesPage';

// Mantine's growing text boxes listen for web fonts, which jsdom lacks.
Object.defineProperty(document, 'fonts', { configurable: true, value: { addEventListener: () => {}, removeEventListener: () => {} } });

const lists: Record<string, unknown[]> = {};
const idle = { mutate: vi.fn(), mutateAsync: vi.fn(), isPending: false };
vi.mock('../../shared/api/templates', async (orig) => ({
  ...(await orig<typeof import('../../shared/api/templates')>()),
  useTemplates: (kind: string) => ({ data: lists[kind] ?? [], error: null }),
  useLibrary: () => ({ data: [], error: null }),
  useAddTemplate: () => idle,
  useUpdateTemplate: () => idle,
  useDeleteTemplate: () => idle,
  useRemoveFromLibrary: () => idle,
  useUseLibraryItem: () => idle,
  useNewPostFromTemplate: () => idle,
  usePreview: () => ({ data: undefined, error: null }),
  usePieceCheck: () => ({ data: [{ network: '', findings: [{ rule: 'hashtag:1', severity: 'error', code: 'hashtag_banned', params: { tag: '#murah' } }] }] }),
}));
vi.mock('../../shared/api/calendar', () => ({ useChannels: () => ({ data: [] }), useCampaigns: () => ({ data: [] }) }));
vi.mock('../../shared/api/team', () => ({ useNetworks: () => ({ data: [{ id: 'x', name: 'X' }] }) }));

function renderPage(tab: string) {
  render(
    <MantineProvider>
      <MemoryRouter initialEntries={[`/templates?tab=${tab}`]}>
        <TemplatesPage language="id" />
      </MemoryRouter>
    </MantineProvider>,
  );
}

describe('TemplatesPage', () => {
  beforeEach(async () => {
    for (const k of Object.keys(lists)) delete lists[k];
    await i18n.changeLanguage('id');
  });

  it('says in Bahasa Indonesia what to do when there are no snippets', () => {
    renderPage('snippet');
    expect(screen.getByRole('tab', { name: 'Cuplikan' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByTestId('templates-empty')).toHaveTextContent('Belum ada cuplikan. Tekan "Cuplikan baru"');
  });

  it('lists the built-in agendas with their language, and a hashtag group shows what the style guide flags in it', async () => {
    lists.agenda = [
      { id: 'a', kind: 'agenda', name: 'Check-in pekanan', lang: 'id', body: '# Check-in', data: {}, builtIn: 'agenda.weekly_checkin.id' },
      { id: 'b', kind: 'agenda', name: 'Weekly check-in', lang: 'en', body: '# Check-in', data: {}, builtIn: 'agenda.weekly_checkin.en' },
    ];
    renderPage('agenda');
    const rows = screen.getAllByTestId('template-row');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]).getByText('Bawaan')).toBeInTheDocument();
    expect(rows[1]).toHaveTextContent('Weekly check-in');
    expect(rows[1]).toHaveTextContent('English');

    await userEvent.click(screen.getByRole('tab', { name: 'Grup tagar' }));
    await userEvent.click(screen.getByRole('button', { name: 'Grup tagar baru' }));
    expect(await screen.findByTestId('piece-findings')).toHaveTextContent('#murah adalah tagar terlarang.');
  });
});
