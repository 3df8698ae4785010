export * from './read-through';
export * from './versions';
