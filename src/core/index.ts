// Framework-free logic: no Strapi, no I/O. The Strapi wiring imports each area
// directly ('src/core/trail', …); this barrel is for scripts and tests.
export * from './slug';
export * from './trail';
export * from './structured-data';
export * from './attribution';
export * from './moderation';
export * from './contention';
export * from './consistency';
export * from './input';
export * from './text';
export * from './preview';
export * from './discovery';
export * from './privacy';
