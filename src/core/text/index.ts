export { stripInvisible } from './stripInvisible';
export { stripInvisibleFromBlocks } from './stripInvisibleFromBlocks';
export { stripInvisibleFromFields } from './stripInvisibleFromFields';
export type { TextFieldKinds } from './stripInvisibleFromFields';
