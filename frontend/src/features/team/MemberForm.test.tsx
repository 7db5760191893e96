import { MantineProvider } from '@mantine/core';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import '../../i18n';
import { AppError } from '../../shared/lib/bridge';
import { MemberForm, type MemberFormProps } from './MemberForm';

const roles = [
  { id: 'content_creator', name: 'Content creator', description: '', group: 'core', builtIn: true },
  { id: 'copywriter', name: 'Copywriter', description: '', group: 'collaborator', builtIn: true },
];
const networks = [{ id: 'instagram', name: 'Instagram' }];
const members = [
  { id: 'a', name: 'Ana' },
  { id: 'b', name: 'Budi' },
];

function renderForm(props: Partial<MemberFormProps>) {
  const onSubmit = vi.fn(props.onSubmit ?? (async () => undefined));
  render(
    <MantineProvider>
      <MemberForm roles={roles} networks={networks} members={members} submitLabel="Save" onSubmit={onSubmit} {...props} />
    </MantineProvider>,
  );
  return onSubmit;
}

describe('MemberForm', () => {
  it('sends what the user typed', async () => {
    const onSubmit = renderForm({});
    await userEvent.type(screen.getByLabelText('Name'), 'Citra');
    await userEvent.type(screen.getByLabelText('Email'), 'citra@example.com');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0][0]).toMatchObject({ name: 'Citra', email: 'citra@example.com', capacityHours: 40 });
  });

  it('shows a backend validation error on the field it names, translated', async () => {
    const onSubmit = vi.fn().mockRejectedValue(new AppError({ code: 'member.name_required', field: 'name', message: 'a member needs a name' }));
    renderForm({ onSubmit });
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Please enter a name.')).toBeInTheDocument();
    expect(screen.getByLabelText('Name')).toHaveAttribute('aria-invalid', 'true');
  });

  it('shows an error without a field above the form', async () => {
    const onSubmit = vi.fn().mockRejectedValue(new AppError({ code: 'team.permission_denied', message: 'no' }));
    renderForm({ onSubmit });
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Your roles do not allow changing the team');
  });

  it('does not offer a member as their own backup', async () => {
    renderForm({ selfId: 'a', initial: { name: 'Ana' } });
    await userEvent.click(screen.getByPlaceholderText('No backup yet'));
    expect(await screen.findByText('Budi')).toBeInTheDocument();
    expect(screen.queryByText('Ana')).toBeNull();
  });
});
