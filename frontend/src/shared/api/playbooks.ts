// Typed adapter over the generated bindings of campaign plans and process
// playbooks.
import { useEffect } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import * as Playbooks from '../../../wailsjs/go/api/Playbooks';
import * as Tasks from '../../../wailsjs/go/api/Tasks';
import * as Templates from '../../../wailsjs/go/api/Templates';
import { playbooks, tasks } from '../../../wailsjs/go/models';
import { call } from '../lib/bridge';

export type Plan = playbooks.Plan;
export type PlanStep = playbooks.PlanStep;
export type Preview = playbooks.Preview;
export type PreviewItem = playbooks.PreviewItem;
export type Problem = playbooks.Problem;
export type RoleNeed = playbooks.RoleNeed;
export type ApplyResult = playbooks.ApplyResult;
export type Playbook = playbooks.Playbook;
export type RunResult = playbooks.RunResult;
export type RunTask = tasks.Task;

/** PlanInput is what the plan editor sends (playbooks.PlanInput in Go). */
export interface PlanInput {
  name: string;
  lang: string;
  description: string;
  steps: PlanStep[];
}

/** ApplyInput starts a plan on a day with a member per role. */
export interface ApplyInput {
  planId: string;
  start: string;
  assign: Record<string, string>;
  campaignName: string;
}

/** PlaybookInput is what the playbook editor sends. */
export interface PlaybookInput {
  title: string;
  lang: string;
  body: string;
  checklist: string[];
  roles: string[];
  ownerRole: string;
  ownerId: string;
  reviewDays: number;
  guideline: boolean;
}

export const playbookKeys = {
  all: ['playbooks'] as const,
  plans: ['playbooks', 'plans'] as const,
  planRoles: (id: string) => ['playbooks', 'planRoles', id] as const,
  preview: (input: ApplyInput) => ['playbooks', 'preview', input] as const,
  list: ['playbooks', 'list'] as const,
  due: ['playbooks', 'due'] as const,
  // Under the tasks root, so a teammate's tick refreshes it too.
  runTask: (id: string) => ['tasks', 'playbookRun', id] as const,
  postTemplates: ['playbooks', 'postTemplates'] as const,
};

/**
 * useSeedBuiltIns writes the built-in plan and playbooks (in this device's
 * language) the first time the team opens them; later calls change nothing.
 */
export function useSeedBuiltIns() {
  const qc = useQueryClient();
  useEffect(() => {
    void call(() => Playbooks.Seed())
      .then(() => qc.invalidateQueries({ queryKey: playbookKeys.all }))
      .catch(() => undefined);
  }, [qc]);
}

export function usePlans() {
  return useQuery({ queryKey: playbookKeys.plans, queryFn: () => call(() => Playbooks.ListPlans()) });
}

export function usePlanRoles(id: string) {
  return useQuery({ queryKey: playbookKeys.planRoles(id), queryFn: () => call(() => Playbooks.PlanRoles(id)), enabled: !!id });
}

/** usePreview lays a plan out as the apply form stands; it writes nothing. */
export function usePreview(input: ApplyInput) {
  return useQuery({
    queryKey: playbookKeys.preview(input),
    queryFn: () => call(() => Playbooks.PreviewPlan(playbooks.ApplyInput.createFrom(input))),
    enabled: !!input.planId && /^\d{4}-\d{2}-\d{2}$/.test(input.start),
    retry: false,
  });
}

function useDone() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: playbookKeys.all });
}

export function useSavePlan() {
  const done = useDone();
  return useMutation({
    mutationFn: ({ id, input }: { id: string | null; input: PlanInput }) =>
      call(() => (id ? Playbooks.UpdatePlan(id, playbooks.PlanInput.createFrom(input)) : Playbooks.AddPlan(playbooks.PlanInput.createFrom(input)))),
    onSuccess: done,
  });
}

export function useDeletePlan() {
  const done = useDone();
  return useMutation({ mutationFn: (id: string) => call(() => Playbooks.DeletePlan(id)), onSuccess: done });
}

export function useApplyPlan() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: ApplyInput) => call(() => Playbooks.ApplyPlan(playbooks.ApplyInput.createFrom(input))),
    onSuccess: () => qc.invalidateQueries(),
  });
}

export function usePlaybooks() {
  return useQuery({ queryKey: playbookKeys.list, queryFn: () => call(() => Playbooks.ListPlaybooks()) });
}

export function useDuePlaybooks() {
  return useQuery({ queryKey: playbookKeys.due, queryFn: () => call(() => Playbooks.DuePlaybooks()) });
}

export function useSavePlaybook() {
  const done = useDone();
  return useMutation({
    mutationFn: ({ id, input, reviewed }: { id: string | null; input: PlaybookInput; reviewed: boolean }) =>
      call(() =>
        id
          ? Playbooks.UpdatePlaybook(id, playbooks.PlaybookInput.createFrom(input), reviewed)
          : Playbooks.AddPlaybook(playbooks.PlaybookInput.createFrom(input)),
      ),
    onSuccess: done,
  });
}

export function useMarkReviewed() {
  const done = useDone();
  return useMutation({ mutationFn: (id: string) => call(() => Playbooks.MarkReviewed(id)), onSuccess: done });
}

export function useDeletePlaybook() {
  const done = useDone();
  return useMutation({ mutationFn: (id: string) => call(() => Playbooks.DeletePlaybook(id)), onSuccess: done });
}

export function useRunPlaybook() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (id: string) => call(() => Playbooks.RunPlaybook(id)), onSuccess: () => qc.invalidateQueries() });
}

/** exportGuide writes the training guide to path; it returns the bytes written. */
export const exportGuide = (format: 'md' | 'html', lang: 'en' | 'id', path: string) => call(() => Playbooks.Export(format, lang, path));

/** useRunTask reads the task a playbook run created, to tick its checklist. */
export function useRunTask(id: string) {
  return useQuery({ queryKey: playbookKeys.runTask(id), queryFn: () => call(() => Tasks.Get(id)), enabled: !!id });
}

/** useCheckRunItem ticks or unticks one checklist item of that task. */
export function useCheckRunItem(taskId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ itemId, done }: { itemId: string; done: boolean }) => call(() => Tasks.Check(taskId, itemId, done)),
    onSuccess: () => qc.invalidateQueries({ queryKey: playbookKeys.runTask(taskId) }),
  });
}

/** usePostTemplates lists the post templates a plan's post step may use. */
export function usePostTemplates() {
  return useQuery({ queryKey: playbookKeys.postTemplates, queryFn: () => call(() => Templates.List('post')) });
}
