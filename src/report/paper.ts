import type {WorkspaceConfig} from '../workspace/workspace-types.js'

/**
 * The workspace's paper: `report.paperSize` when set; otherwise Letter for a practice under HIPAA (a US
 * practice) and A4 for one under GDPR alone.
 */
export const paperOf = (config: WorkspaceConfig): 'letter' | 'a4' =>
  config.report?.paperSize ?? (config.frameworks.some((f) => f.startsWith('hipaa')) ? 'letter' : 'a4')
