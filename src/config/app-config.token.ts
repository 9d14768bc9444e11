import { Token } from 'typedi';
import type { AppConfig } from './app-config';

/** Typed container key for the configuration; never look it up by a string. */
export const APP_CONFIG = new Token<AppConfig>('app-config');
