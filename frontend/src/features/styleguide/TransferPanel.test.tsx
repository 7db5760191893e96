import { MantineProvider } from '@mantine/core';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../i18n';
import { AppError } from '../../shared/lib/bridge';
import { TransferPanel } from './TransferPanel';

const exportGuide = vi.fn();
const previewImport = vi.fn();
const importGuide = vi.fn();
vi.mock('../../shared/api/styleguide', async (orig) => ({
  ...(await orig<typeof import('../../shared/api/styleguide')>()),
  exportGuide: (...a: unknown[]) => exportGuide(...a),
  previewImport: (...a: unknown[]) => previewImport(...a),
  useImportGuide: () => ({ mutateAsync: importGuide, isPending: false }),
}));
vi.mock('../../shared/api/files', () => ({ chooseFolder: vi.fn(), openFile: vi.fn() }));

const sections = (over: Record<string, { added?: number; changed?: number; removed?: number }>) =>
  ['names', 'terms', 'tone', 'rating', 'branding', 'hashtags', 'banned', 'emoji', 'disclosures', 'usage'].map((s) => ({
    section: s, added: 0, changed: 0, removed: 0, unchanged: 0, ...over[s],
  }));

function renderPanel(reason: string | null = null) {
  render(
    <QueryClientProvider client={new QueryClient()}>
      <MantineProvider>
        <TransferPanel language="id" editReason={reason} />
      </MantineProvider>
    </QueryClientProvider>,
  );
}

describe('TransferPanel', () => {
  beforeEach(async () => {
    exportGuide.mockReset();
    previewImport.mockReset();
    importGuide.mockReset();
    await i18n.changeLanguage('en');
  });

  it('exports into the chosen folder in the chosen language and says where', async () => {
    exportGuide.mockResolvedValue('/home/sari/guide/style-guide.html');
    renderPanel();
    fireEvent.change(screen.getByLabelText('Save in folder'), { target: { value: '/home/sari/guide' } });
    fireEvent.click(screen.getByRole('radio', { name: 'English' }));
    fireEvent.click(screen.getByRole('button', { name: 'Web page (HTML)' }));
    await screen.findByText('Saved to /home/sari/guide/style-guide.html');
    expect(exportGuide).toHaveBeenCalledWith('html', 'en', '/home/sari/guide');
  });

  it('shows what an import would change before writing, then imports', async () => {
    previewImport.mockResolvedValue({ dryRun: true, added: 1, changed: 2, removed: 0, sections: sections({ banned: { added: 1, changed: 2 } }) });
    importGuide.mockResolvedValue({ dryRun: false, added: 1, changed: 2, removed: 0, sections: [] });
    renderPanel();
    fireEvent.change(screen.getByLabelText('Style guide file (JSON)'), { target: { value: '/tmp/guide.json' } });
    fireEvent.click(screen.getByRole('button', { name: 'Check file' }));
    const table = await screen.findByTestId('guide-import-preview');
    expect(table.textContent).toContain('Banned words and phrases12');
    expect(table.textContent).not.toContain('Brand, product');
    expect(importGuide).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    await screen.findByText('Imported: 1 added, 2 changed, 0 removed.');
    expect(importGuide).toHaveBeenCalledWith('/tmp/guide.json');
  });

  it('says why a file is refused, and offers no import', async () => {
    previewImport.mockRejectedValue(new AppError({ code: 'styleguide.import_section_unknown', params: { section: 'jokes' }, message: 'x' }));
    renderPanel();
    fireEvent.change(screen.getByLabelText('Style guide file (JSON)'), { target: { value: '/tmp/bad.json' } });
    fireEvent.click(screen.getByRole('button', { name: 'Check file' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('section "jokes" the style guide does not have. Nothing was imported.'));
    expect(screen.queryByRole('button', { name: 'Import' })).toBeNull();
  });
});
