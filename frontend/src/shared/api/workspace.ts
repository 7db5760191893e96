// Typed adapter over the generated workspace bindings.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import * as Workspace from '../../../wailsjs/go/api/Workspace';
import { networks, team, workspace } from '../../../wailsjs/go/models';
import { call } from '../lib/bridge';
import type { MemberInput } from './team';

export type WorkspaceInfo = workspace.Info;
export type Language = 'en' | 'id';
export type Theme = 'auto' | 'light' | 'dark';

export type NetworkLimit = networks.Limit;
export type LimitsView = workspace.LimitsView;

export const workspaceKeys = { info: ['workspace', 'info'] as const, limits: ['workspace', 'limits'] as const };

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

/** useNetworkLimits is the network limits: built-in (with sources), the workspace's overrides, effective. */
export function useNetworkLimits() {
  return useQuery({ queryKey: workspaceKeys.limits, queryFn: () => call(() => Workspace.NetworkLimits()) });
}

/** The limits feed the editor's counts through the networks list (useNetworks), so both refresh. */
function useInvalidateLimits() {
  const qc = useQueryClient();
  return () => Promise.all([qc.invalidateQueries({ queryKey: ['workspace'] }), qc.invalidateQueries({ queryKey: ['team', 'networks'] })]);
}

/** useSetNetworkLimit overrides one network's figures for the workspace (0 keeps the built-in figure). */
export function useSetNetworkLimit() {
  const done = useInvalidateLimits();
  return useMutation({
    mutationFn: (l: Pick<NetworkLimit, 'network' | 'maxChars' | 'maxHashtags' | 'maxTopicTags' | 'titleMax' | 'descriptionMax'>) =>
      call(() => Workspace.SetNetworkLimit(networks.Limit.createFrom({ ...l, counting: '', source: '' }))),
    onSuccess: done,
  });
}

/** useResetNetworkLimit puts a network back on the built-in figures. */
export function useResetNetworkLimit() {
  const done = useInvalidateLimits();
  return useMutation({ mutationFn: (network: string) => call(() => Workspace.ResetNetworkLimit(network)), onSuccess: done });
}
