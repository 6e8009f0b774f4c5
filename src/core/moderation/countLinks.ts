import { findLinks } from './findLinks';

export function countLinks(text: string): number {
  return findLinks(text).length;
}
