import path from 'node:path';
import type { BlockNode, ImagePlaceholder } from '../../../src/core/wordpress/types';

// Strapi's own validation of a `blocks` attribute, the one its entity validator runs on every
// write (@strapi/core, dist/services/entity-validator/blocks-validator.js). The package
// exports only its entry point, so the file is required by path; it needs no running Strapi.
const validatorFile = path.join(path.dirname(require.resolve('@strapi/core/package.json')), 'dist/services/entity-validator/blocks-validator.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { blocksValidator } = require(validatorFile) as { blocksValidator: () => { validate: (value: unknown, options: object) => Promise<unknown> } };

/** The image node the import wiring puts where a placeholder stood: an upload as Strapi stores it. */
function toUploadedImage(placeholder: ImagePlaceholder): BlockNode {
  const name = placeholder.src.split('/').pop() || 'image.jpg';
  return {
    type: 'image',
    image: {
      name, alternativeText: placeholder.alt, caption: placeholder.caption, url: `/uploads/${name}`, width: 800, height: 600,
      hash: 'h', ext: '.jpg', mime: 'image/jpeg', size: 12.3, provider: 'local', createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-01-01T00:00:00.000Z',
    },
    children: [{ type: 'text', text: '' }],
  };
}

/** Resolves when Strapi would store these blocks (placeholders uploaded), rejects with its errors otherwise. */
export async function validateWithStrapi(blocks: Array<BlockNode | ImagePlaceholder>): Promise<void> {
  const stored = blocks.map((block) => (block.type === 'wordpress-image' ? toUploadedImage(block as ImagePlaceholder) : block));
  await blocksValidator().validate(stored, { strict: true, abortEarly: false });
}
