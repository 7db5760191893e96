import { MantineProvider } from '@mantine/core';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import '../../i18n';
import { AppError } from '../../shared/lib/bridge';

// jsdom has no font loading, which Mantine's autosizing text areas listen to.
Object.defineProperty(document, 'fonts', { value: { addEventListener: () => {}, removeEventListener: () => {}, ready: Promise.resolve() }, configurable: true });

const mutateAsync = vi.fn();
vi.mock('../../shared/api/team', () => ({
  useMembers: () => ({ data: [{ id: 'a', name: 'Ana' }, { id: 'b', name: 'Budi' }] }),
}));
vi.mock('../../shared/api/calendar', () => ({
  useCampaigns: () => ({ data: [] }),
  usePosts: () => ({ data: [] }),
}));
vi.mock('../../shared/api/meetings', () => ({
  useAddMeeting: () => ({ mutateAsync, isPending: false }),
  useAgendaTemplates: () => ({
    data: [
      { id: 't1', name: 'Weekly check-in agenda', lang: 'en', body: '## Wins', meeting: 'checkin' },
      { id: 't2', name: 'Stakeholder agenda', lang: 'en', body: '## Changes to the plan', meeting: 'stakeholder' },
    ],
  }),
}));

const { MeetingForm, emptyMeeting } = await import('./MeetingForm');

function renderForm() {
  const onDone = vi.fn();
  render(
    <MantineProvider>
      <MeetingForm initial={emptyMeeting('checkin', '2027-01-04', 'Weekly check-in', ['a', 'b'])} onDone={onDone} />
    </MantineProvider>,
  );
  return onDone;
}

describe('MeetingForm', () => {
  it('plans a weekly check-in with everyone, and a stakeholder meeting once, with guests', async () => {
    mutateAsync.mockReset().mockResolvedValue({ id: 'm1' });
    const onDone = renderForm();
    expect(screen.getByRole('switch', { name: /Repeat every week/ })).toBeChecked();
    await userEvent.click(screen.getByText('Stakeholder meeting'));
    expect(screen.getByLabelText('Title')).toHaveValue('Stakeholder meeting');
    expect(screen.getByRole('switch', { name: /Repeat every week/ })).not.toBeChecked();
    // An agenda template for this kind of meeting fills the agenda.
    await userEvent.click(screen.getByRole('combobox', { name: /Start from an agenda template/ }));
    expect(screen.queryByText('Weekly check-in agenda')).toBeNull();
    await userEvent.click(await screen.findByText('Stakeholder agenda'));
    expect(screen.getByRole('textbox', { name: /^Agenda/ })).toHaveValue('## Changes to the plan');
    await userEvent.click(screen.getByRole('button', { name: 'Add a guest' }));
    await userEvent.type(screen.getByLabelText('Name'), 'Dewi');
    await userEvent.type(screen.getByLabelText('Role'), 'Brand manager');
    await userEvent.click(screen.getByRole('button', { name: 'Plan the meeting' }));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith({ id: 'm1' }));
    expect(mutateAsync.mock.calls[0][0]).toMatchObject({
      kind: 'stakeholder',
      title: 'Stakeholder meeting',
      date: '2027-01-04',
      repeat: '',
      attendeeIds: [],
      guests: [{ name: 'Dewi', role: 'Brand manager' }],
      agenda: '## Changes to the plan',
      agendaTemplateId: 't2',
    });
  });

  it('shows a bad date under the date, in the window language', async () => {
    mutateAsync.mockReset().mockRejectedValue(new AppError({ code: 'meeting.date_invalid', field: 'date', message: 'no', params: { date: '2027-02-30' } }));
    const onDone = renderForm();
    await userEvent.click(screen.getByRole('button', { name: 'Plan the meeting' }));
    expect(await screen.findByText('Dates look like 2026-12-31, on a day the calendar has.')).toBeInTheDocument();
    expect(onDone).not.toHaveBeenCalled();
  });
});
