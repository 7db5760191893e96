// Typed adapter over the generated bindings of templates (post templates,
// snippets, hashtag groups, plans, playbooks, agendas) and the library of
// approved content.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import * as Tpl from '../../../wailsjs/go/api/Templates';
import { checker, templates } from '../../../wailsjs/go/models';
import { call } from '../lib/bridge';
import type { Post } from './calendar';

export type Kind = 'post' | 'snippet' | 'hashtags' | 'plan' | 'playbook' | 'agenda';

/** The placeholders every post template may use without declaring them. */
export const STANDARD_PLACEHOLDERS = ['product', 'date', 'link', 'campaign'] as const;

/** Template is a template of any kind; data holds what only its kind has. */
export interface Template<D = Record<string, unknown>> {
  id: string;
  kind: Kind;
  name: string;
  lang: string;
  body: string;
  data: D;
  builtIn: string;
  createdAt: string;
  updatedAt: string;
}

export interface TemplateInput<D = Record<string, unknown>> {
  kind: Kind;
  name: string;
  lang: string;
  body: string;
  data: D;
}

export interface Placeholder {
  key: string;
  label: string;
  example: string;
}

/** PostData is what a post template has beyond its name and text. */
export interface PostData {
  title: string;
  variants: Record<string, string>;
  labels: string[];
  channels: string[];
  hashtags: string[];
  placeholders: Placeholder[];
}

/** PieceData is what a snippet or hashtag group has: texts per network. */
export interface PieceData {
  variants: Record<string, string>;
}

export interface FromTemplate {
  values: Record<string, string>;
  channels: string[];
  date: string;
  time: string;
  campaignId: string;
}

export type Preview = templates.Preview;
export type Finding = checker.Finding;
export type PieceCheck = templates.PieceCheck;
export type LibraryItem = templates.LibraryItem;

export const templateKeys = {
  all: ['templates'] as const,
  list: (kind: Kind | '') => ['templates', 'list', kind] as const,
  library: ['templates', 'library'] as const,
  preview: (id: string, input: FromTemplate) => ['templates', 'preview', id, input] as const,
  check: (body: string, variants: Record<string, string>) => ['templates', 'check', body, variants] as const,
};

// The bindings type a JSON object field as bytes; it crosses the bridge as
// the object itself.
const asTemplate = <D,>(t: templates.Template) => t as unknown as Template<D>;
const asInput = (i: TemplateInput<unknown>) => i as unknown as templates.Input;

export function useTemplates<D = Record<string, unknown>>(kind: Kind | '') {
  return useQuery({
    queryKey: templateKeys.list(kind),
    queryFn: async () => (await call(() => Tpl.List(kind))).map((t) => asTemplate<D>(t)),
  });
}

function useDone() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: templateKeys.all });
}

export function useAddTemplate() {
  const done = useDone();
  return useMutation({
    mutationFn: async (i: TemplateInput<unknown>) => asTemplate(await call(() => Tpl.Add(asInput(i)))),
    onSuccess: done,
  });
}

export function useUpdateTemplate() {
  const done = useDone();
  return useMutation({
    mutationFn: async ({ id, input }: { id: string; input: TemplateInput<unknown> }) =>
      asTemplate(await call(() => Tpl.Update(id, asInput(input)))),
    onSuccess: done,
  });
}

export function useDeleteTemplate() {
  const done = useDone();
  return useMutation({ mutationFn: (id: string) => call(() => Tpl.Delete(id)), onSuccess: done });
}

/** usePreview fills a post template in for each channel, with the style guide's findings. */
export function usePreview(id: string | null, input: FromTemplate) {
  return useQuery({
    queryKey: templateKeys.preview(id ?? '', input),
    queryFn: () => call(() => Tpl.Preview(id ?? '', input as templates.FromTemplate)),
    enabled: !!id,
    retry: false,
    placeholderData: keepPreviousData,
  });
}

export function useNewPostFromTemplate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: FromTemplate }): Promise<Post> =>
      call(() => Tpl.NewPost(id, input as templates.FromTemplate)),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['calendar'] }),
  });
}

export function useSaveAsTemplate() {
  const done = useDone();
  return useMutation({
    mutationFn: ({ postId, name }: { postId: string; name: string }) => call(() => Tpl.SaveAsTemplate(postId, name)),
    onSuccess: done,
  });
}

/** usePieceCheck asks the style guide about a snippet's or hashtag group's texts (null: no checker yet). */
export function usePieceCheck(body: string, variants: Record<string, string>) {
  return useQuery({
    queryKey: templateKeys.check(body, variants),
    queryFn: () => call(() => Tpl.CheckPiece(body, variants)),
    placeholderData: keepPreviousData,
  });
}

export function useLibrary() {
  return useQuery({ queryKey: templateKeys.library, queryFn: () => call(() => Tpl.Library()) });
}

export function useAddToLibrary() {
  const done = useDone();
  return useMutation({ mutationFn: (postId: string) => call(() => Tpl.AddToLibrary(postId)), onSuccess: done });
}

export function useRemoveFromLibrary() {
  const done = useDone();
  return useMutation({ mutationFn: (id: string) => call(() => Tpl.RemoveFromLibrary(id)), onSuccess: done });
}

export function useUseLibraryItem() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, date, time }: { id: string; date: string; time: string }): Promise<Post> =>
      call(() => Tpl.UseLibraryItem(id, { date, time })),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: templateKeys.all });
      void qc.invalidateQueries({ queryKey: ['calendar'] });
    },
  });
}

/**
 * placeholdersOf lists the {{name}} placeholders of a text in order of first
 * use, as the backend reads them (it alone decides what is malformed).
 */
export function placeholdersOf(...texts: string[]): string[] {
  const out: string[] = [];
  for (const text of texts) {
    for (const m of text.matchAll(/\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g)) {
      if (!out.includes(m[1])) out.push(m[1]);
    }
  }
  return out;
}
