import { MantineProvider } from '@mantine/core';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import '../../i18n';
import type { Repeat } from '../../shared/api/calendar';
import { RepeatFields } from './RepeatFields';

function Harness({ initial, date, onProblem }: { initial: Repeat | null; date: string; onProblem: (p: 'interval' | 'count' | null) => void }) {
  const [value, setValue] = useState<Repeat | null>(initial);
  return (
    <MantineProvider>
      <RepeatFields value={value} exdates={[]} date={date} onChange={setValue} onExdates={() => undefined} onProblem={onProblem} />
      <output data-testid="value">{JSON.stringify(value)}</output>
    </MantineProvider>
  );
}

const current = () => JSON.parse(screen.getByTestId('value').textContent ?? 'null') as Repeat | null;

describe('RepeatFields', () => {
  it('ticks the weekday of the first post when a series becomes weekly', async () => {
    render(<Harness initial={null} date="2027-03-04" onProblem={() => undefined} />);
    await userEvent.click(screen.getByLabelText('Repeat', { selector: 'input' }));
    await userEvent.click(await screen.findByRole('option', { name: 'Every week', hidden: true }));
    await waitFor(() => expect(current()?.weekdays).toEqual(['TH']));
    expect(screen.getByRole('checkbox', { name: 'Thu' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Mon' })).not.toBeChecked();
  });

  it('refuses every 0 and a count of 0 instead of saving 1 or a series without end', async () => {
    const onProblem = vi.fn();
    const weekly: Repeat = { freq: 'weekly', interval: 1, weekdays: ['MO'], monthlyBy: '', count: 5, until: '' };
    render(<Harness initial={weekly} date="2027-03-01" onProblem={onProblem} />);
    const count = screen.getByRole('textbox', { name: 'After a number of posts' });
    await userEvent.clear(count);
    await userEvent.type(count, '0');
    await waitFor(() => expect(onProblem).toHaveBeenLastCalledWith('count'));
    // Still "after a number of posts", with the problem said, not "never".
    expect(screen.getByLabelText('Ends', { selector: 'input' })).toHaveValue('After a number of posts');
    expect(screen.getByText('A series has 1 to 1000 posts.')).toBeInTheDocument();
    await userEvent.type(count, '{backspace}3');
    await waitFor(() => expect(onProblem).toHaveBeenLastCalledWith(null));

    const every = screen.getByRole('textbox', { name: 'Every how many weeks' });
    await userEvent.clear(every);
    await userEvent.type(every, '0');
    await waitFor(() => expect(onProblem).toHaveBeenLastCalledWith('interval'));
    expect(current()?.interval).toBe(0);
    expect(screen.getByText('Repeat every 1 to 99 days, weeks or months.')).toBeInTheDocument();
  });
});
