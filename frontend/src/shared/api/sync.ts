// Typed adapter over the generated sync bindings.
import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import * as Sync from '../../../wailsjs/go/api/Sync';
import * as App from '../../../wailsjs/go/main/App';
import { EventsOn } from '../../../wailsjs/runtime/runtime';
import { replica, sharedfolder } from '../../../wailsjs/go/models';
import { call } from '../lib/bridge';

export type SyncStatus = sharedfolder.Status;
export type RunStatus = sharedfolder.RunStatus;
export type FoundWorkspace = sharedfolder.Found;
export type ConflictView = replica.ConflictView;
export type SyncDevice = sharedfolder.Device;

/** The event the backend sends after each background sync (sharedfolder.StatusEvent). */
export const SYNC_STATUS = 'sync:status';

export const syncKeys = {
  status: ['sync', 'status'] as const,
  conflicts: ['sync', 'conflicts'] as const,
  devices: ['sync', 'devices'] as const,
};

export function useSyncStatus() {
  return useQuery({ queryKey: syncKeys.status, queryFn: () => call(() => Sync.Status()) });
}

export function useConflicts() {
  return useQuery({ queryKey: syncKeys.conflicts, queryFn: () => call(() => Sync.Conflicts()) });
}

/** useLastRun follows the background sync's latest outcome. */
export function useLastRun(): RunStatus | null {
  const [last, setLast] = useState<RunStatus | null>(null);
  const qc = useQueryClient();
  useEffect(() => {
    void call(() => Sync.LastRun()).then((r) => setLast(r.at ? r : null), () => undefined);
    return EventsOn(SYNC_STATUS, (r: RunStatus) => {
      setLast(r);
      void qc.invalidateQueries({ queryKey: ['sync'] });
    });
  }, [qc]);
  return last;
}

function useInvalidateAll() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries();
}

export const scanFolder = (folder: string) => call(() => Sync.Scan(folder));
export const chooseFolder = (title: string) => call(() => App.ChooseFolder(title));

/** useConnect shares this workspace through a folder; encrypt makes a workspace shared there for the first time encrypted. */
export function useConnect() {
  const done = useInvalidateAll();
  return useMutation({
    mutationFn: ({ folder, encrypt }: { folder: string; encrypt: boolean }) => call(() => Sync.Connect(folder, encrypt)),
    onSuccess: done,
  });
}

export type EncryptionStatus = sharedfolder.EncryptionStatus;
export type EncryptProgress = sharedfolder.EncryptProgress;

/** useEncryptFolder encrypts the shared folder of a workspace shared already. */
export function useEncryptFolder() {
  const done = useInvalidateAll();
  return useMutation({ mutationFn: () => call(() => Sync.Encrypt()), onSuccess: done });
}

/** The event the backend sends while the shared folder is being encrypted (sharedfolder.EncryptProgressEvent). */
export const SYNC_ENCRYPT_PROGRESS = 'sync:encrypt-progress';

/** useEncryptProgress follows the encryption of the shared folder while active is true. */
export function useEncryptProgress(active: boolean): EncryptProgress | null {
  const [p, setP] = useState<EncryptProgress | null>(null);
  useEffect(() => {
    if (!active) {
      setP(null);
      return;
    }
    return EventsOn(SYNC_ENCRYPT_PROGRESS, (next: EncryptProgress) => setP(next));
  }, [active]);
  return p;
}

export function useJoin() {
  const done = useInvalidateAll();
  return useMutation({
    mutationFn: ({ folder, workspaceId }: { folder: string; workspaceId: string }) => call(() => Sync.Join(folder, workspaceId)),
    onSuccess: done,
  });
}

export function useLeave() {
  const done = useInvalidateAll();
  return useMutation({ mutationFn: () => call(() => Sync.Leave()), onSuccess: done });
}

export function useSyncNow() {
  const done = useInvalidateAll();
  return useMutation({ mutationFn: () => call(() => Sync.SyncNow()), onSuccess: done });
}

/** Which version of a conflict to keep: the one shown now, the other one, or a value the person wrote. */
export type ConflictChoice = { keep: 'current' } | { keep: 'other' } | { keep: 'value'; value: unknown };

export function useResolveConflict() {
  const done = useInvalidateAll();
  return useMutation({
    mutationFn: ({ id, choice }: { id: string; choice: ConflictChoice }) =>
      call(() => Sync.Resolve(id, replica.Resolution.createFrom(choice))),
    onSuccess: done,
  });
}

/** useRepublish publishes everything this computer has into an emptied shared folder. */
export function useRepublish() {
  const done = useInvalidateAll();
  return useMutation({ mutationFn: () => call(() => Sync.Republish()), onSuccess: done });
}

/** The event the backend sends while a long sync runs (sharedfolder.ProgressEvent). */
export const SYNC_PROGRESS = 'sync:progress';

/** useSyncProgress follows a running sync while active is true. */
export function useSyncProgress(active: boolean): { segments: number; applied: number } | null {
  const [p, setP] = useState<{ segments: number; applied: number } | null>(null);
  useEffect(() => {
    if (!active) {
      setP(null);
      return;
    }
    return EventsOn(SYNC_PROGRESS, (next: { segments: number; applied: number }) => setP(next));
  }, [active]);
  return p;
}

/** useDevices lists the computers of the shared workspace, this one first. */
export function useDevices() {
  return useQuery({ queryKey: syncKeys.devices, queryFn: () => call(() => Sync.Devices()) });
}

/** What can be decided about another computer. */
export type DeviceDecision = 'confirm' | 'refuse' | 'revoke';

/** useDecideDevice confirms, refuses or revokes a computer. */
export function useDecideDevice() {
  const qc = useQueryClient();
  return useMutation({
    // member: for a computer that joined an encrypted folder without saying whom it belongs to.
    mutationFn: ({ id, decision, member }: { id: string; decision: DeviceDecision; member?: string }) =>
      call(() =>
        decision === 'confirm'
          ? member
            ? Sync.ConfirmDeviceAs(id, member)
            : Sync.ConfirmDevice(id)
          : decision === 'refuse'
            ? Sync.RefuseDevice(id)
            : Sync.RevokeDevice(id),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['sync'] }),
  });
}

export type Agreement = sharedfolder.Agreement;

/** useRebuild rebuilds this computer's data from its change log (when it differs from a teammate's). */
export function useRebuild() {
  const done = useInvalidateAll();
  return useMutation({ mutationFn: () => call(() => Sync.Rebuild()), onSuccess: done });
}
