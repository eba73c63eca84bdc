import { grouped } from '@alvh/shared';

/**
 * The field a refusal of a call's path count names: the one the request sent. A chunk's count is
 * `pathCount`; without it the call runs paths − firstPath, set by `paths`.
 */
export function runCountField(v: { paths: number; firstPath: number; pathCount?: number | undefined }): {
  field: 'paths' | 'pathCount';
  /** "is N" for the detail, N as sent, its thousands grouped (is 300,000). */
  is: string;
} {
  if (v.pathCount !== undefined) return { field: 'pathCount', is: `is ${grouped(v.pathCount)}` };
  if (v.firstPath === 0) return { field: 'paths', is: `is ${grouped(v.paths)}` };
  const n = v.paths - v.firstPath;
  return {
    field: 'paths',
    is: `is ${grouped(v.paths)} from firstPath ${grouped(v.firstPath)}, ${grouped(n)} ${n === 1 ? 'path' : 'paths'}`,
  };
}
