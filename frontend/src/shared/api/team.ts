// Typed adapter over the generated team bindings. Components use these
// hooks and functions, never the generated code.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import * as Team from '../../../wailsjs/go/api/Team';
import { networks, team } from '../../../wailsjs/go/models';
import { call } from '../lib/bridge';

export type Member = team.Member;
export type Role = team.Role;
export type Network = networks.Network;
export type Permission = 'approve_posts' | 'manage_team' | 'edit_style_guide';
export const PERMISSIONS: Permission[] = ['approve_posts', 'manage_team', 'edit_style_guide'];

export interface MemberInput {
  name: string;
  email: string;
  roles: string[];
  networks: string[];
  capacityHours: number;
  color: string;
  freelancer: boolean;
  backupId: string;
}

export const teamKeys = {
  members: ['team', 'members'] as const,
  roles: ['team', 'roles'] as const,
  networks: ['team', 'networks'] as const,
};

export function useMembers() {
  return useQuery({ queryKey: teamKeys.members, queryFn: () => call(() => Team.ListMembers()) });
}

export function useRoles() {
  return useQuery({ queryKey: teamKeys.roles, queryFn: () => call(() => Team.ListRoles()) });
}

export function useNetworks() {
  return useQuery({
    queryKey: teamKeys.networks,
    queryFn: () => call(() => Team.ListNetworks()),
    staleTime: Infinity,
  });
}

function useInvalidateTeam() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['team'] });
}

export function useAddMember() {
  const done = useInvalidateTeam();
  return useMutation({
    mutationFn: (input: MemberInput) => call(() => Team.AddMember(team.MemberInput.createFrom(input))),
    onSuccess: done,
  });
}

export function useUpdateMember() {
  const done = useInvalidateTeam();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: MemberInput }) =>
      call(() => Team.UpdateMember(id, team.MemberPatch.createFrom(input))),
    onSuccess: done,
  });
}

export function useDeleteMember() {
  const done = useInvalidateTeam();
  return useMutation({
    mutationFn: (id: string) => call(() => Team.DeleteMember(id)),
    onSuccess: done,
  });
}

export function useAddRole() {
  const done = useInvalidateTeam();
  return useMutation({
    mutationFn: (input: { name: string; description: string; permissions: Permission[] }) =>
      call(() => Team.AddRole(team.RoleInput.createFrom(input))),
    onSuccess: done,
  });
}

export function useSetRolePermissions() {
  const done = useInvalidateTeam();
  return useMutation({
    mutationFn: ({ roleId, permissions }: { roleId: string; permissions: Permission[] }) =>
      call(() => Team.SetRolePermissions(roleId, permissions)),
    onSuccess: done,
  });
}
