// Typed adapter over the generated About binding: which Postdeck this is.
import { useQuery } from '@tanstack/react-query';
import * as About from '../../../wailsjs/go/api/About';
import type { buildinfo } from '../../../wailsjs/go/models';
import { call } from '../lib/bridge';

export type VersionInfo = buildinfo.Info;

/** useVersion reads the build's version, commit, date, Go and SQLite versions (they never change while running). */
export function useVersion() {
  return useQuery({ queryKey: ['about', 'version'], queryFn: () => call(() => About.Version()), staleTime: Infinity });
}
