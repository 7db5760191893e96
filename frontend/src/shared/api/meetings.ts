// Typed adapter over the generated meetings bindings: weekly check-ins and
// stakeholder meetings, each member's check-in, action items and notes.
import { useMemo, useSyncExternalStore } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { EventInput } from '@fullcalendar/core';
import * as Meetings from '../../../wailsjs/go/api/Meetings';
import * as Templates from '../../../wailsjs/go/api/Templates';
import { meetings } from '../../../wailsjs/go/models';
import { call } from '../lib/bridge';

export type Meeting = meetings.Meeting;
export type MeetingDetail = meetings.Detail;
export type MeetingOccurrence = meetings.Occurrence;
export type CheckIn = meetings.CheckIn;
export type ActionItem = meetings.Action;

export type MeetingKind = 'checkin' | 'stakeholder';
export const MEETING_KINDS: MeetingKind[] = ['checkin', 'stakeholder'];

/** MeetingInput is what the new-meeting form holds (meetings.Input in Go). */
export interface MeetingInput {
  kind: MeetingKind;
  title: string;
  date: string;
  time: string;
  durationMinutes: number;
  repeat: '' | 'weekly';
  agenda: string;
  agendaTemplateId: string;
  attendeeIds: string[];
  guests: { name: string; role: string }[];
  postIds: string[];
  campaignIds: string[];
}

export interface CheckInInput {
  wins?: string;
  help?: string;
  plan?: string;
  nextReport?: string;
}

export interface ActionInput {
  title: string;
  description: string;
  assigneeId: string;
  due: string;
  dueTime: string;
}

export const meetingKeys = {
  all: ['meetings'] as const,
  list: ['meetings', 'list'] as const,
  day: (id: string, day: string) => ['meetings', 'day', id, day] as const,
  occurrences: (from: string, to: string) => ['meetings', 'occurrences', from, to] as const,
};

/** An agenda template a new meeting can start from. */
export interface AgendaTemplate {
  id: string;
  name: string;
  lang: string;
  body: string;
  /** The kind of meeting it is for ('' = any). */
  meeting: string;
}

/** useAgendaTemplates lists the agenda templates (built-in ones in English and Indonesian, and the team's own). */
export function useAgendaTemplates() {
  return useQuery({
    queryKey: ['meetings', 'agendaTemplates'],
    queryFn: async (): Promise<AgendaTemplate[]> =>
      (await call(() => Templates.List('agenda'))).map((t) => {
        const data = (t.data ?? {}) as { meeting?: string };
        return { id: t.id, name: t.name, lang: t.lang, body: t.body, meeting: data.meeting ?? '' };
      }),
  });
}

export function useMeetings() {
  return useQuery({ queryKey: meetingKeys.list, queryFn: () => call(() => Meetings.List()) });
}

/** useMeetingDay reads one meeting day ('' = the next one). */
export function useMeetingDay(id: string, day: string) {
  return useQuery({ queryKey: meetingKeys.day(id, day), queryFn: () => call(() => Meetings.Day(id, day)), enabled: !!id });
}

/** useMeetingOccurrences lists the meetings of a date range, for the calendar. */
export function useMeetingOccurrences(from: string, to: string, enabled = true) {
  return useQuery({
    queryKey: meetingKeys.occurrences(from, to),
    queryFn: () => call(() => Meetings.Occurrences(from, to)),
    enabled: enabled && !!from && !!to,
  });
}

function useDone() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: meetingKeys.all });
}

export function useAddMeeting() {
  const done = useDone();
  return useMutation({ mutationFn: (input: MeetingInput) => call(() => Meetings.Add(meetings.Input.createFrom(input))), onSuccess: done });
}

/** useDeleteMeeting deletes a meeting, every week of a series (action items stay tasks). */
export function useDeleteMeeting() {
  const done = useDone();
  return useMutation({ mutationFn: (id: string) => call(() => Meetings.Delete(id)), onSuccess: done });
}

export function useSkipDay() {
  const done = useDone();
  return useMutation({ mutationFn: (a: { id: string; day: string }) => call(() => Meetings.SkipDay(a.id, a.day)), onSuccess: done });
}

export function useSaveCheckIn() {
  const done = useDone();
  return useMutation({
    mutationFn: (a: { id: string; day: string; memberId: string; input: CheckInInput }) =>
      call(() => Meetings.SaveCheckIn(a.id, a.day, a.memberId, meetings.CheckInInput.createFrom(a.input))),
    onSuccess: done,
  });
}

export function useUpdateDay() {
  const done = useDone();
  return useMutation({
    mutationFn: (a: { id: string; day: string; agenda?: string; notes?: string }) =>
      call(() => Meetings.UpdateDay(a.id, a.day, meetings.DayInput.createFrom({ agenda: a.agenda, notes: a.notes }))),
    onSuccess: done,
  });
}

export function useAddAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (a: { id: string; day: string; input: ActionInput }) =>
      call(() => Meetings.AddAction(a.id, a.day, meetings.ActionInput.createFrom(a.input))),
    // An action item is a task: the task views read it too.
    onSuccess: () => qc.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'meetings' || q.queryKey[0] === 'tasks' }),
  });
}

/** meetingMarkdown returns a meeting day's notes as Markdown in lang. */
export function meetingMarkdown(id: string, day: string, lang: string): Promise<string> {
  return call(() => Meetings.Markdown(id, day, lang));
}

/** saveMeetingMarkdown writes a meeting day's notes as Markdown to path. */
export function saveMeetingMarkdown(id: string, day: string, lang: string, path: string): Promise<void> {
  return call(() => Meetings.SaveMarkdown(id, day, lang, path));
}

// Whether the calendar shows meetings is a choice of this computer, like
// the imported calendars' switches; it is kept in the window's own storage.
const SHOWN_KEY = 'postdeck.calendar.meetings';
const listeners = new Set<() => void>();

function meetingsShown(): boolean {
  try {
    return localStorage.getItem(SHOWN_KEY) !== 'off';
  } catch {
    return true;
  }
}

/** useMeetingsShown says whether the calendar shows meetings, and switches it. */
export function useMeetingsShown(): [boolean, (on: boolean) => void] {
  const shown = useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    meetingsShown,
  );
  const set = (on: boolean) => {
    try {
      localStorage.setItem(SHOWN_KEY, on ? 'on' : 'off');
    } catch {
      // Storage refused (private mode): the switch only lasts this session.
    }
    listeners.forEach((l) => l());
  };
  return [shown, set];
}

/** MEETING_COLOR marks meetings on the calendar, apart from posts and holidays. */
export const MEETING_COLOR = '#5f3dc4';

/**
 * useMeetingEvents gives the calendar the meetings of the visible range as
 * read-only timed events, when they are switched on. Like layers, they join
 * the posts' events rather than coming as a second event source.
 */
export function useMeetingEvents(range: { from: string; to: string } | null): EventInput[] {
  const [shown] = useMeetingsShown();
  const q = useMeetingOccurrences(range?.from ?? '', range?.to ?? '', shown && !!range);
  return useMemo(
    () =>
      shown
        ? (q.data ?? []).map((o) => ({
            id: `meeting:${o.id}`,
            title: o.title,
            start: o.start,
            end: o.end,
            allDay: false,
            editable: false,
            backgroundColor: MEETING_COLOR,
            borderColor: MEETING_COLOR,
            classNames: ['meeting-event'],
            extendedProps: { kind: 'meeting', meetingId: o.meetingId, date: o.date },
          }))
        : [],
    [q.data, shown],
  );
}
