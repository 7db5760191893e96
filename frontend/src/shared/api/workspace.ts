// Typed adapter over the generated workspace bindings.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import * as Workspace from '../../../wailsjs/go/api/Workspace';
import { team, workspace } from '../../../wailsjs/go/models';
import { call } from '../lib/bridge';
import type { MemberInput } from './team';

export type WorkspaceInfo = workspace.Info;
export type Language = 'en' | 'id';
export type Theme = 'auto' | 'light' | 'dark';

export const workspaceKeys = { info: ['workspace', 'info'] as const };

export function useWorkspaceInfo() {
  return useQuery({ queryKey: workspaceKeys.info, queryFn: () => call(() => Workspace.Info()) });
}

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries();
}

export function useOnboard() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (input: { workspaceName: string; timeZone: string; me: MemberInput }) =>
      call(() =>
        Workspace.Onboard(
          workspace.OnboardInput.createFrom({ ...input, me: team.MemberInput.createFrom(input.me) }),
        ),
      ),
    onSuccess: done,
  });
}

export function useUpdateWorkspace() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: ({ name, timeZone }: { name: string; timeZone: string }) =>
      call(() => Workspace.Update(name, timeZone)),
    onSuccess: done,
  });
}

/** useSetKeeper names the calendar keeper ('' for nobody). */
export function useSetKeeper() {
  const done = useInvalidate();
  return useMutation({ mutationFn: (memberId: string) => call(() => Workspace.SetKeeper(memberId)), onSuccess: done });
}

export function useSetMe() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (memberId: string) => call(() => Workspace.SetMe(memberId)),
    onSuccess: done,
  });
}

export const setLanguage = (lang: Language) => call(() => Workspace.SetLanguage(lang));
export const setTheme = (theme: Theme) => call(() => Workspace.SetTheme(theme));
