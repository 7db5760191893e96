// Typed adapter over the generated bindings of absences, hand-overs, the
// team's health and workload. Components use these hooks, never the
// generated code.
import { useEffect, useMemo } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { EventInput } from '@fullcalendar/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import * as Absences from '../../../wailsjs/go/api/Absences';
import * as Health from '../../../wailsjs/go/api/Health';
import { EventsOn } from '../../../wailsjs/runtime/runtime';
import { absences, health } from '../../../wailsjs/go/models';
import { call } from '../lib/bridge';
import { useMembers } from './team';

export type Absence = absences.Absence;
export type HandoverPlan = absences.Plan;
export type HandoverItem = absences.Item;
export type HandoverResult = absences.Result;
export type HealthReport = health.Report;
export type HealthCheck = health.Check;
export type HealthItem = health.Item;
export type Workload = health.Workload;
export type AbsenceKind = 'vacation' | 'sick' | 'other';
export const ABSENCE_KINDS: AbsenceKind[] = ['vacation', 'sick', 'other'];

export interface AbsenceInput {
  memberId: string;
  kind: AbsenceKind;
  from: string;
  to: string;
  note: string;
}

/** The event the backend sends after a hand-over (absences.HandoverEvent). */
export const HANDOVER_DONE = 'handover:done';

export const teamHealthKeys = {
  absences: ['absences'] as const,
  absenceList: (from: string, to: string) => ['absences', 'list', from, to] as const,
  plan: (id: string) => ['absences', 'plan', id] as const,
  health: ['health', 'report'] as const,
  workload: (from: string, weeks: number) => ['health', 'workload', from, weeks] as const,
};

/** useAbsences lists the absences overlapping from..to ('' for no bound). */
export function useAbsences(from = '', to = '') {
  return useQuery({
    queryKey: teamHealthKeys.absenceList(from, to),
    queryFn: () => call(() => Absences.List(absences.Filter.createFrom({ memberId: '', from, to }))),
  });
}

function useAbsencesDone() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: ['absences'] });
    void qc.invalidateQueries({ queryKey: ['health'] });
  };
}

export function useAddAbsence() {
  const done = useAbsencesDone();
  return useMutation({
    mutationFn: (input: AbsenceInput) => call(() => Absences.Add(absences.Input.createFrom(input))),
    onSuccess: done,
  });
}

export function useDeleteAbsence() {
  const done = useAbsencesDone();
  return useMutation({ mutationFn: (id: string) => call(() => Absences.Delete(id)), onSuccess: done });
}

export function useHandoverPlan(id: string | null) {
  return useQuery({
    queryKey: teamHealthKeys.plan(id ?? ''),
    queryFn: () => call(() => Absences.Plan(id!)),
    enabled: !!id,
  });
}

export function useHandOver() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(() => Absences.HandOver(id)),
    // A hand-over changes tasks and posts too.
    onSuccess: () => qc.invalidateQueries(),
  });
}

export function useSetAutoHandover() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (on: boolean) => call(() => Absences.SetAutoHandover(on)),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['workspace'] }),
  });
}

/** useHealth runs the five checks in one call (the sidebar's badge reads it too). */
export function useHealth() {
  return useQuery({ queryKey: teamHealthKeys.health, queryFn: () => call(() => Health.Report()) });
}

export function useWorkload(from: string, weeks: number) {
  return useQuery({ queryKey: teamHealthKeys.workload(from, weeks), queryFn: () => call(() => Health.Workload(from, weeks)) });
}

/**
 * useHandoverNotices shows a notification whenever work was handed over,
 * here or automatically (when an absence starts): never silently.
 */
export function useHandoverNotices(): void {
  const { t } = useTranslation();
  const members = useMembers();
  const names = useMemo(() => new Map((members.data ?? []).map((m) => [m.id, m.name])), [members.data]);
  useEffect(
    () =>
      EventsOn(HANDOVER_DONE, (n: HandoverNotice) => {
        const name = names.get(n.memberId) ?? '?';
        const backup = names.get(n.backupId) ?? t('handover.nobody');
        notifications.show({
          color: n.left > 0 ? 'orange' : 'green',
          title: n.automatic ? t('handover.noticeAutoTitle') : t('handover.noticeTitle'),
          message: t('handover.notice', { count: n.moved, name, backup }) + (n.left > 0 ? ' ' + t('handover.noticeLeft', { count: n.left }) : ''),
          autoClose: 10000,
        });
      }),
    [names, t],
  );
}

/** useAbsenceEvents shows each absence as an all-day marker on the calendar. */
export function useAbsenceEvents(range: { from: string; to: string } | null): EventInput[] {
  const { t } = useTranslation();
  const list = useAbsences(range?.from ?? '', range?.to ?? '');
  const members = useMembers();
  return useMemo(() => {
    if (!range) return [];
    const byId = new Map((members.data ?? []).map((m) => [m.id, m]));
    return (list.data ?? []).map((a) => {
      const m = byId.get(a.memberId);
      const color = m?.color || '#868e96';
      return {
        id: `absence:${a.id}`,
        title: t('absence.calendarTitle', { name: m?.name ?? '?', kind: t(`absence.kinds.${a.kind}`) }),
        start: a.from,
        end: nextDay(a.to),
        allDay: true,
        editable: false,
        backgroundColor: 'transparent',
        borderColor: color,
        textColor: 'var(--mantine-color-text)',
        classNames: ['absence-event'],
        extendedProps: { kind: 'absence', absenceId: a.id, memberId: a.memberId },
      };
    });
  }, [range, list.data, members.data, t]);
}

/** nextDay adds one calendar day to YYYY-MM-DD (FullCalendar's all-day ends are exclusive). */
export function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return next.toISOString().slice(0, 10);
}

/** HandoverNote is a hand-over entry in a post's history (absences.PostHistoryNote). */
export interface HandoverNote {
  role: 'owner' | 'approval';
  from: string;
  to: string;
}

/** parseHandoverNote reads "handover:<owner|approval>:<from>:<to>", or null for any other note. */
export function parseHandoverNote(note: string): HandoverNote | null {
  const m = /^handover:(owner|approval):([^:]*):([^:]*)$/.exec(note);
  return m ? { role: m[1] as HandoverNote['role'], from: m[2], to: m[3] } : null;
}

/** HandoverNotice is the payload of HANDOVER_DONE (absences.HandoverNotice). */
export interface HandoverNotice {
  absenceId: string;
  memberId: string;
  backupId: string;
  moved: number;
  left: number;
  automatic: boolean;
}
