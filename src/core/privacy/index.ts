export { readPersonalDataRequest, isRequestProblem } from './personalDataRequest';
export type { DataSubject, PersonalDataRequest, RequestProblem } from './personalDataRequest';
export { anonymousLabels } from './anonymous';
export { checkPersonalDataDays, DEFAULT_PERSONAL_DATA_DAYS, personalDataCutoff } from './retention';
export { buildPersonalDataExport } from './personalDataExport';
export type { AccountData, MailAddressData, PersonalDataExport, ReplySubscriptionData, ReportData, StoredCommentData } from './personalDataExport';
