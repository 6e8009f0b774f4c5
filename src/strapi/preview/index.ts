// Two previews: the live panel beside the edit form (what a save would derive, before saving)
// and Strapi's Preview button (the saved draft as a page, behind a signed link).
export { registerPreview } from './live-preview';
export { previewSettings, previewUrl, PREVIEW_PAGES } from './settings';
export { registerPreviewPages } from './page';
