// Typed adapter over the generated CSV and backup bindings and the native
// file dialogs.
import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import * as CSV from '../../../wailsjs/go/api/CSV';
import * as Backup from '../../../wailsjs/go/api/Backup';
import * as App from '../../../wailsjs/go/main/App';
import { EventsOn } from '../../../wailsjs/runtime/runtime';
import { backup, csvio } from '../../../wailsjs/go/models';
import { call } from '../lib/bridge';

export type CsvPreview = csvio.Preview;
export type CsvRow = csvio.Row;
export type CsvProblem = csvio.Problem;
export type CsvResult = csvio.Result;
export type BackupSummary = backup.Summary;
export type BackupManifest = backup.Manifest;

/** The event the backend sends while a backup or restore runs (api.BackupProgressEvent). */
export const BACKUP_PROGRESS = 'backup:progress';

/** openFile shows the system's file picker; '' when cancelled. */
export const openFile = (title: string, filterName: string, pattern: string) => call(() => App.OpenFile(title, filterName, pattern));
/** saveFile shows the system's save dialog; '' when cancelled. */
export const saveFile = (title: string, defaultName: string, filterName: string, pattern: string) =>
  call(() => App.SaveFile(title, defaultName, filterName, pattern));
export const chooseFolder = (title: string) => call(() => App.ChooseFolder(title));
/** openWorkspace starts Postdeck on another data folder and closes this window. */
export const openWorkspace = (dataDir: string) => call(() => App.OpenWorkspace(dataDir));

export const previewCsv = (path: string) => call(() => CSV.Preview(path));
export const exportCsv = (path: string) => call(() => CSV.Export(path));

export function useImportCsv() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ path, skipBad, backupFolder }: { path: string; skipBad: boolean; backupFolder: string }) =>
      call(() => CSV.Import(path, skipBad, backupFolder)),
    onSuccess: () => qc.invalidateQueries(),
  });
}

export function useBackupFolder() {
  return useQuery({ queryKey: ['backup', 'folder'], queryFn: () => call(() => Backup.Folder()) });
}

export function useBackUp() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (folder: string) => call(() => Backup.BackUp(folder)),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['backup'] }),
  });
}

export const checkBackup = (path: string) => call(() => Backup.Check(path));
export const suggestRestoreTarget = () => call(() => Backup.SuggestTarget());
export const restoreBackup = (path: string, dataDir: string) => call(() => Backup.Restore(path, dataDir));

/** The event the backend sends while a CSV import writes its rows (api.ImportProgressEvent). */
export const IMPORT_PROGRESS = 'csv:progress';

/** useImportProgress follows a running CSV import while active is true (0..1, or null). */
export function useImportProgress(active: boolean): number | null {
  return useProgress(active, IMPORT_PROGRESS);
}

/** useBackupProgress follows a running backup, check or restore while active is true (0..1, or null). */
export function useBackupProgress(active: boolean): number | null {
  return useProgress(active, BACKUP_PROGRESS);
}

function useProgress(active: boolean, event: string): number | null {
  const [p, setP] = useState<number | null>(null);
  useEffect(() => {
    if (!active) {
      setP(null);
      return;
    }
    return EventsOn(event, (next: { done: number; total: number }) => setP(next.total > 0 ? next.done / next.total : 1));
  }, [active, event]);
  return p;
}
