import { MantineProvider } from '@mantine/core';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import i18n from '../../i18n';
import type { Task } from '../../shared/api/tasks';
import { TaskBoard } from './TaskBoard';
import { TaskList } from './TaskList';
import { dueFilter } from './TasksPage';
import { MarkdownText } from './TaskDrawer';

function task(p: Partial<Task>): Task {
  return {
    id: 't', title: 'Task', description: '', assigneeId: '', backupId: '', due: '', dueTime: '', status: 'todo', priority: 'normal',
    estimateHours: 1, postIds: [], campaignId: '', meetingId: '', source: '', createdBy: '', createdAt: 0, updatedAt: 0, checklist: [],
    ...p,
  } as Task;
}

const tasks = [
  task({ id: 'a', title: 'Foto produk', assigneeId: 'ana', due: '2027-03-09', status: 'todo', priority: 'urgent',
    checklist: [{ id: 'i1', taskId: 'a', text: 'Studio', done: true, position: 1, doneBy: 'ana', doneAt: 1 }, { id: 'i2', taskId: 'a', text: 'Model', done: false, position: 2, doneBy: '', doneAt: 0 }] }),
  task({ id: 'b', title: 'Caption Ramadan', assigneeId: 'budi', due: '2027-03-12', dueTime: '09:00', status: 'doing', campaignId: 'c1' }),
  task({ id: 'c', title: 'Laporan bulanan', status: 'done', due: '2027-03-01' }),
];
const names = { ana: 'Ana', budi: 'Budi' };

function wrap(ui: React.ReactNode) {
  return render(<MantineProvider>{ui}</MantineProvider>);
}

describe('TaskBoard', () => {
  it('puts each task in the column of its status, with who, when and the checklist progress', async () => {
    await i18n.changeLanguage('en');
    wrap(<TaskBoard tasks={tasks} names={names} today="2027-03-10" onOpen={() => {}} onMove={() => {}} />);
    const todo = screen.getByRole('region', { name: 'To do' });
    const doing = screen.getByRole('region', { name: 'Doing' });
    const blocked = screen.getByRole('region', { name: 'Blocked' });
    expect(within(todo).getByText('Foto produk')).toBeInTheDocument();
    expect(within(todo).getByText('Ana')).toBeInTheDocument();
    expect(within(todo).getByText('Urgent')).toBeInTheDocument();
    expect(within(todo).getByTestId('checklist-progress')).toHaveTextContent('1/2');
    expect(within(doing).getByText('Caption Ramadan')).toBeInTheDocument();
    expect(within(doing).getByText(/09:00/)).toBeInTheDocument();
    expect(within(blocked).getByText('Drag a task here.')).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: 'Done' })).getByText('Laporan bulanan')).toBeInTheDocument();
  });

  it('moves a card to another column from its menu, without a mouse drag', async () => {
    const onMove = vi.fn();
    wrap(<TaskBoard tasks={tasks} names={names} today="2027-03-10" onOpen={() => {}} onMove={onMove} />);
    await userEvent.click(screen.getByRole('button', { name: 'Move "Foto produk" to another column' }));
    await userEvent.click(await screen.findByRole('menuitem', { name: 'Doing' }));
    expect(onMove).toHaveBeenCalledWith(expect.objectContaining({ id: 'a' }), 'doing');
  });

  it('opens a task from its title with the keyboard', async () => {
    const onOpen = vi.fn();
    wrap(<TaskBoard tasks={tasks} names={names} today="2027-03-10" onOpen={onOpen} onMove={() => {}} />);
    screen.getByRole('button', { name: 'Caption Ramadan' }).focus();
    await userEvent.keyboard('{Enter}');
    expect(onOpen).toHaveBeenCalledWith(expect.objectContaining({ id: 'b' }));
  });

  it('speaks Bahasa Indonesia', async () => {
    await i18n.changeLanguage('id');
    wrap(<TaskBoard tasks={tasks} names={names} today="2027-03-10" onOpen={() => {}} onMove={() => {}} />);
    expect(screen.getByRole('region', { name: 'Sedang dikerjakan' })).toBeInTheDocument();
    expect(screen.getByText('Mendesak')).toBeInTheDocument();
    await i18n.changeLanguage('en');
  });
});

describe('TaskList', () => {
  it('lists every task with its assignee, status, checklist and campaign, and opens one on click', async () => {
    await i18n.changeLanguage('en');
    const onOpen = vi.fn();
    wrap(<TaskList tasks={tasks} names={names} campaigns={{ c1: 'Ramadan' }} today="2027-03-10" onOpen={onOpen} />);
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    expect(within(rows[0]).getByText('Ana')).toBeInTheDocument();
    expect(within(rows[0]).getByText('1/2')).toBeInTheDocument();
    expect(within(rows[1]).getByText('Ramadan')).toBeInTheDocument();
    expect(within(rows[1]).getByText('Doing')).toBeInTheDocument();
    expect(within(rows[2]).getByText('Nobody yet')).toBeInTheDocument();
    await userEvent.click(within(rows[1]).getByRole('button', { name: 'Caption Ramadan' }));
    expect(onOpen).toHaveBeenCalledTimes(1);
    expect(onOpen).toHaveBeenCalledWith(expect.objectContaining({ id: 'b' }));
  });
});

describe('the due filter in the address', () => {
  it('turns overdue, today and this week into days in the workspace zone', () => {
    expect(dueFilter('overdue', '2027-03-10', '2027-03-14')).toEqual({ dueBefore: '2027-03-10' });
    expect(dueFilter('today', '2027-03-10', '2027-03-14')).toEqual({ dueFrom: '2027-03-10', dueBefore: '2027-03-11' });
    expect(dueFilter('week', '2027-03-10', '2027-03-14')).toEqual({ dueBefore: '2027-03-15' });
    expect(dueFilter('week', '2027-12-31', '2028-01-02')).toEqual({ dueBefore: '2028-01-03' });
    expect(dueFilter('', '2027-03-10', '2027-03-14')).toEqual({});
  });
});

describe('a task description', () => {
  it('renders Markdown and never a teammate\'s raw HTML', () => {
    const { container } = wrap(<MarkdownText text={'**Penting**\n\n- satu\n\n<img src=x onerror="alert(1)"><script>alert(2)</script>'} />);
    expect(screen.getByText('Penting').tagName).toBe('STRONG');
    expect(screen.getByText('satu').tagName).toBe('LI');
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('script')).toBeNull();
    expect(container.innerHTML).not.toContain('onerror');
  });
});
