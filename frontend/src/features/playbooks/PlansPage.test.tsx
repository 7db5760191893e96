import { MantineProvider } from '@mantine/core';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router-dom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../i18n';
import { offsetLabel, PlansPage } from './PlansPage';

const plan = {
  id: 'p1', name: 'Product launch', lang: 'en', description: 'Two weeks', builtInKey: 'product_launch',
  steps: [
    { offset: -7, kind: 'post', title: 'Teaser', role: 'content_creator', network: 'instagram' },
    { offset: 30, kind: 'task', title: 'Results report', role: 'social_media_analyst' },
  ],
};
const roleNeeds = { data: [{ role: 'content_creator', steps: 1, holders: ['m1'] }, { role: 'social_media_analyst', steps: 1, holders: [] }] };
const members = { data: [{ id: 'm1', name: 'Ana' }, { id: 'm2', name: 'Tono' }] };
const roles = {
  data: [
    { id: 'content_creator', name: 'Content creator', description: '', group: 'core', builtIn: true },
    { id: 'social_media_analyst', name: 'Social media analyst', description: '', group: 'core', builtIn: true },
  ],
};
let preview: { items: unknown[]; problems: unknown[]; startsOn: string } = { items: [], problems: [], startsOn: '' };
const apply = vi.fn();
const del = vi.fn(async () => undefined);

vi.mock('../../shared/api/playbooks', () => ({
  useSeedBuiltIns: () => undefined,
  usePlans: () => ({ isPending: false, data: [plan] }),
  usePlanRoles: () => roleNeeds,
  usePreview: () => ({ data: preview }),
  useApplyPlan: () => ({ mutateAsync: apply, isPending: false }),
  useSavePlan: () => ({ mutateAsync: vi.fn(), isPending: false }),
  useDeletePlan: () => ({ mutateAsync: del }),
  usePostTemplates: () => ({ data: [] }),
}));
vi.mock('../../shared/api/team', () => ({
  useMembers: () => members,
  useRoles: () => roles,
  useNetworks: () => ({ data: [] }),
}));

function renderPage(language: string) {
  render(
    <QueryClientProvider client={new QueryClient()}>
      <MantineProvider>
        <MemoryRouter>
          <PlansPage language={language} />
        </MemoryRouter>
      </MantineProvider>
    </QueryClientProvider>,
  );
}

describe('PlansPage', () => {
  beforeEach(() => {
    apply.mockReset();
    preview = { items: [], problems: [], startsOn: '' };
  });

  it('writes step days as T-7, T and T+30', () => {
    expect([offsetLabel(-7), offsetLabel(0), offsetLabel(30)]).toEqual(['T-7', 'T', 'T+30']);
  });

  it('names the problems in Indonesian, with the role by its name, and keeps Apply off', async () => {
    await i18n.changeLanguage('id');
    preview = {
      startsOn: '2027-03-10',
      items: [{ step: 1, kind: 'post', title: 'Teaser', date: '2027-03-10', time: '10:00', role: 'content_creator', memberId: 'm1', memberName: 'Ana' }],
      problems: [{ step: 2, code: 'plan.role_unassigned', message: '', params: { role: 'social_media_analyst', step: 2 } }],
    };
    renderPage('id');
    fireEvent.click(screen.getByText('Product launch'));
    fireEvent.change(screen.getByTestId('plan-start'), { target: { value: '2027-03-17' } });
    await waitFor(() => expect(screen.getByTestId('plan-problems').textContent).toContain('Pilih anggota untuk peran "Analis media sosial" (langkah 2 membutuhkannya).'));
    expect(screen.getByTestId('plan-apply-button')).toBeDisabled();
    expect(apply).not.toHaveBeenCalled();
    await i18n.changeLanguage('en');
  });

  it('suggests the member holding each role and applies with them', async () => {
    preview = { startsOn: '2027-03-10', items: [], problems: [] };
    apply.mockResolvedValue({ postIds: ['a'], taskIds: ['b'], preview: { startsOn: '2027-03-10' } });
    renderPage('en');
    fireEvent.click(screen.getByText('Product launch'));
    fireEvent.change(screen.getByTestId('plan-start'), { target: { value: '2027-03-17' } });
    await waitFor(() => expect(screen.getByTestId('plan-apply-button')).toBeEnabled());
    fireEvent.click(screen.getByTestId('plan-apply-button'));
    await waitFor(() => expect(apply).toHaveBeenCalled());
    expect(apply.mock.calls[0][0]).toMatchObject({ planId: 'p1', start: '2027-03-17', assign: { content_creator: 'm1' } });
  });

  it("asks before deleting a plan with the app's own question: Escape keeps it, Enter deletes it", async () => {
    await i18n.changeLanguage('en');
    del.mockClear();
    const user = userEvent.setup();
    renderPage('en');
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    const question = await screen.findByRole('alertdialog');
    expect(question.textContent).toContain('Delete the plan "Product launch"? Campaigns made from it keep their posts and tasks.');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(del).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    await screen.findByRole('alertdialog');
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Yes, delete'));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(del).toHaveBeenCalledWith('p1'));
  });
});
