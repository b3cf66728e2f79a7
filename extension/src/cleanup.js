// Placeholder until the guided cleanup (plan → apply → restore) exists: it says so honestly.
import { localize } from './i18n.js';

localize();
