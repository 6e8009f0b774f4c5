import type { Credit } from '../../../src/core/attribution';

export const ORIGINAL_URL = 'https://www.rt.com/news/405007-north-korea-russia-meeting/';
export const CAPTION =
  'Image tirée d’une vidéo montrant des membres de la délégation nord-coréenne qui sont arrivés pour des pourparlers à Moscou le 29 septembre 2017';

/** The credits of the seeded demo article. */
export const SEED_CREDITS: Credit[] = [
  { role: 'original', url: ORIGINAL_URL },
  { role: 'photo', caption: CAPTION, source: { name: 'RT', website: 'https://www.rt.com' } },
  { role: 'translation', person: 'Avic', source: { name: 'Réseau International', website: 'https://reseauinternational.net' } },
];
