export { registerPrivacyModels } from './models';
export { registerPersonalDataRoutes } from './routes';
export { exportPersonalData } from './export-personal-data';
export { erasePersonalData, type ErasureReport } from './erase-personal-data';
