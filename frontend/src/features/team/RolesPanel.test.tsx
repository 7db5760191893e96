import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../i18n';
import type { Role } from '../../shared/api/team';
import { RolesPanel } from './RolesPanel';

const setPermissions = vi.fn();
vi.mock('../../shared/api/team', async (orig) => ({
  ...(await orig<typeof import('../../shared/api/team')>()),
  useSetRolePermissions: () => ({ mutateAsync: setPermissions, isPending: false }),
  useAddRole: () => ({ mutateAsync: vi.fn(), isPending: false }),
}));

const roles = [
  { id: 'content_creator', name: 'Content creator', description: '', group: 'core', builtIn: true, permissions: [] },
] as unknown as Role[];

function renderPanel(lockedWhy: string | null) {
  render(
    <QueryClientProvider client={new QueryClient()}>
      <MantineProvider>
        <RolesPanel roles={roles} lockedWhy={lockedWhy} />
      </MantineProvider>
    </QueryClientProvider>,
  );
}

describe('RolesPanel', () => {
  beforeEach(async () => {
    setPermissions.mockReset();
    await i18n.changeLanguage('en');
  });

  it('lets a team manager tick a permission for a role', async () => {
    renderPanel(null);
    await userEvent.click(screen.getByLabelText('Content creator: Approve posts'));
    expect(setPermissions).toHaveBeenCalledWith({ roleId: 'content_creator', permissions: ['approve_posts'] });
    expect(screen.getByRole('button', { name: 'Add a custom role' })).toBeInTheDocument();
  });

  it('shows the roles read-only, with the reason, to a member who may not manage the team', async () => {
    renderPanel('Your roles do not allow changing the team.');
    expect(screen.getByText('Your roles do not allow changing the team.')).toBeInTheDocument();
    const box = screen.getByLabelText('Content creator: Approve posts');
    expect(box).toBeDisabled();
    await userEvent.click(box);
    expect(setPermissions).not.toHaveBeenCalled();
    expect(screen.queryByRole('button', { name: 'Add a custom role' })).not.toBeInTheDocument();
  });
});
