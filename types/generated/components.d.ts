import type { Schema, Struct } from '@strapi/strapi';

export interface EditorialCredit extends Struct.ComponentSchema {
  collectionName: 'components_editorial_credits';
  info: {
    description: 'Who made what this article is built on: the original, its author, the photo, the translation.';
    displayName: 'Credit';
    icon: 'quote';
  };
  attributes: {
    caption: Schema.Attribute.Text &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 2000;
      }>;
    language: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 20;
      }>;
    note: Schema.Attribute.Text &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 500;
      }>;
    person: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 200;
      }>;
    role: Schema.Attribute.Enumeration<
      ['original', 'author', 'photo', 'translation', 'adaptation', 'via']
    > &
      Schema.Attribute.Required &
      Schema.Attribute.DefaultTo<'original'>;
    source: Schema.Attribute.Relation<'manyToOne', 'api::source.source'>;
    sourceName: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 200;
      }>;
    title: Schema.Attribute.Text &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 500;
      }>;
    url: Schema.Attribute.Text &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 2000;
      }>;
  };
}

declare module '@strapi/strapi' {
  export namespace Public {
    export interface ComponentSchemas {
      'editorial.credit': EditorialCredit;
    }
  }
}
