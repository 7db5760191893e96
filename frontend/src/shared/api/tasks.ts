// Typed adapter over the generated tasks bindings. Components use these
// hooks, never the generated code.
import { useMemo } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { EventInput } from '@fullcalendar/core';
import * as Tasks from '../../../wailsjs/go/api/Tasks';
import { tasks } from '../../../wailsjs/go/models';
import { call } from '../lib/bridge';
import { addDays } from '../lib/days';

export type Task = tasks.Task;
export type ChecklistItem = tasks.ChecklistItem;
export type TaskComment = tasks.Comment;
export type TaskHistoryEntry = tasks.HistoryEntry;
export type MyWork = tasks.MyWork;

export type TaskStatus = 'todo' | 'doing' | 'blocked' | 'done';
export const TASK_STATUSES: TaskStatus[] = ['todo', 'doing', 'blocked', 'done'];
export type Priority = 'low' | 'normal' | 'high' | 'urgent';
export const PRIORITIES: Priority[] = ['low', 'normal', 'high', 'urgent'];

/** TaskInput is what the form sends for a new task (tasks.Input in Go). */
export interface TaskInput {
  title: string;
  description: string;
  assigneeId: string;
  backupId: string;
  due: string;
  dueTime: string;
  status: string;
  priority: string;
  estimateHours: number;
  postIds: string[];
  campaignId: string;
  meetingId: string;
  source: string;
  checklist: string[];
}

/** TaskPatch changes only the fields it has (tasks.Patch in Go). */
export type TaskPatch = Partial<Omit<TaskInput, 'checklist' | 'source'>> & { historyKind?: string };

/** TaskFilter narrows the list (tasks.Filter in Go); empty fields do not filter. */
export interface TaskFilter {
  assigneeId?: string;
  status?: string;
  dueBefore?: string;
  dueFrom?: string;
  campaignId?: string;
  meetingId?: string;
  postId?: string;
  source?: string;
  open?: boolean;
}

export const taskKeys = {
  all: ['tasks'] as const,
  list: (f: TaskFilter) => ['tasks', 'list', f] as const,
  task: (id: string) => ['tasks', 'task', id] as const,
  comments: (id: string) => ['tasks', 'comments', id] as const,
  history: (id: string) => ['tasks', 'history', id] as const,
  myWork: ['tasks', 'mywork'] as const,
  onCalendar: ['tasks', 'oncalendar'] as const,
  calendar: (from: string, to: string) => ['tasks', 'calendar', from, to] as const,
};

const filter = (f: TaskFilter) => tasks.Filter.createFrom({ assigneeId: '', status: '', dueBefore: '', dueFrom: '', campaignId: '', meetingId: '', postId: '', source: '', open: false, ...f });

export function useTasks(f: TaskFilter) {
  return useQuery({ queryKey: taskKeys.list(f), queryFn: () => call(() => Tasks.List(filter(f))), placeholderData: keepPreviousData });
}

export function useTask(id: string | null) {
  return useQuery({ queryKey: taskKeys.task(id ?? ''), queryFn: () => call(() => Tasks.Get(id!)), enabled: !!id });
}

export function useTaskComments(id: string | null) {
  return useQuery({ queryKey: taskKeys.comments(id ?? ''), queryFn: () => call(() => Tasks.Comments(id!)), enabled: !!id });
}

export function useTaskHistory(id: string | null) {
  return useQuery({ queryKey: taskKeys.history(id ?? ''), queryFn: () => call(() => Tasks.History(id!)), enabled: !!id });
}

export function useMyWork(enabled = true) {
  return useQuery({ queryKey: taskKeys.myWork, queryFn: () => call(() => Tasks.MyWork()), enabled });
}

function useTasksDone() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: taskKeys.all });
}

export function useAddTask() {
  const done = useTasksDone();
  return useMutation({ mutationFn: (input: TaskInput) => call(() => Tasks.Add(tasks.Input.createFrom(input))), onSuccess: done });
}

export function useUpdateTask() {
  const done = useTasksDone();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: TaskPatch }) => call(() => Tasks.Update(id, tasks.Patch.createFrom(patch))),
    onSuccess: done,
  });
}

export function useDeleteTask() {
  const done = useTasksDone();
  return useMutation({ mutationFn: (id: string) => call(() => Tasks.Delete(id)), onSuccess: done });
}

export function useCheckItem() {
  const done = useTasksDone();
  return useMutation({
    mutationFn: ({ taskId, itemId, done }: { taskId: string; itemId: string; done: boolean }) => call(() => Tasks.Check(taskId, itemId, done)),
    onSuccess: done,
  });
}

export function useAddItem() {
  const done = useTasksDone();
  return useMutation({ mutationFn: ({ taskId, text }: { taskId: string; text: string }) => call(() => Tasks.AddItem(taskId, text)), onSuccess: done });
}

export function useRemoveItem() {
  const done = useTasksDone();
  return useMutation({ mutationFn: ({ taskId, itemId }: { taskId: string; itemId: string }) => call(() => Tasks.RemoveItem(taskId, itemId)), onSuccess: done });
}

export function useAddTaskComment() {
  const done = useTasksDone();
  return useMutation({ mutationFn: ({ taskId, body }: { taskId: string; body: string }) => call(() => Tasks.AddComment(taskId, body)), onSuccess: done });
}

/** useTasksOnCalendar says whether this computer shows tasks on the calendar, and switches it. */
export function useTasksOnCalendar() {
  const qc = useQueryClient();
  const shown = useQuery({ queryKey: taskKeys.onCalendar, queryFn: () => call(() => Tasks.OnCalendar()) });
  const set = useMutation({
    mutationFn: (on: boolean) => call(() => Tasks.SetOnCalendar(on)),
    onSuccess: () => qc.invalidateQueries({ queryKey: taskKeys.onCalendar }),
  });
  return { shown: shown.data ?? false, set };
}

/** The colour of tasks on the calendar, apart from channels' and layers'. */
export const TASK_COLOR = '#495057';

/**
 * useTaskEvents gives the calendar the tasks due in the visible range, when
 * this computer shows them: all-day on their day, or at their time. They
 * open the task; they are not dragged.
 */
export function useTaskEvents(range: { from: string; to: string } | null): EventInput[] {
  const { shown } = useTasksOnCalendar();
  const list = useQuery({
    queryKey: taskKeys.calendar(range?.from ?? '', range?.to ?? ''),
    queryFn: () => {
      // dueBefore is exclusive: the day after the last one shown.
      return call(() => Tasks.List(filter({ dueFrom: range!.from, dueBefore: addDays(range!.to, 1) })));
    },
    enabled: !!range && shown,
  });
  return useMemo(
    () =>
      !shown
        ? []
        : (list.data ?? []).map((task) => ({
            id: `task:${task.id}`,
            // Titles are text: FullCalendar renders them with textContent.
            title: `☐ ${task.title}`,
            start: task.dueTime ? `${task.due}T${task.dueTime}:00` : task.due,
            allDay: !task.dueTime,
            editable: false,
            backgroundColor: TASK_COLOR,
            borderColor: TASK_COLOR,
            classNames: ['task-event', task.status === 'done' ? 'task-event-done' : ''],
            extendedProps: { kind: 'task', taskId: task.id },
          })),
    [shown, list.data],
  );
}

/** emptyInput is a new task's form, due on day when given. */
export function emptyInput(day = ''): TaskInput {
  return { title: '', description: '', assigneeId: '', backupId: '', due: day, dueTime: '', status: 'todo', priority: 'normal', estimateHours: 1, postIds: [], campaignId: '', meetingId: '', source: '', checklist: [] };
}
