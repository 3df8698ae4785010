export * from './versions';
export * from './read-through';
