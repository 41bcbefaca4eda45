// Every test (and the code under test, in the same process) sees git without the user's config.
import { gitEnv, TEST_ENV_DROPPED } from './helpers/repo.js';

for (const key of TEST_ENV_DROPPED) delete process.env[key];

for (const key of ['GIT_CONFIG_GLOBAL', 'GIT_CONFIG_NOSYSTEM', 'XDG_CONFIG_HOME', 'GIT_AUTHOR_NAME', 'GIT_AUTHOR_EMAIL', 'GIT_COMMITTER_NAME', 'GIT_COMMITTER_EMAIL']) {
  process.env[key] = gitEnv[key];
}
