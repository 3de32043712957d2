import {loadVendor} from '../workspace/vendors.js'
import {loadWorkspace, type LocateOptions} from '../workspace/workspace.js'
import {workspaceReportVerifier} from './report-verifier.js'
import {verifyHistory, type HistoryVerification, type ReportVerifier} from './verify-history.js'

/** `scanvet history`: find the workspace and vendor, verify its rounds. */
export const vendorHistory = async (where: LocateOptions, vendorId: string, verifyReport?: ReportVerifier): Promise<HistoryVerification> => {
  const ws = await loadWorkspace(where)
  const vendor = await loadVendor(ws, vendorId)
  return verifyHistory(vendorId, vendor.dir, {verifyReport: verifyReport ?? workspaceReportVerifier(ws), ...(vendor.profile.formerIds ? {formerIds: vendor.profile.formerIds} : {})})
}
