export { stripInvisible } from './stripInvisible';
