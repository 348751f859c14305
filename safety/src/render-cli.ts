// `npm run hazards`: writes safety/HAZARD-LOG.md from safety/hazards.yaml.
import { writeFileSync } from 'node:fs';
import { renderHazardLog } from './hazard-log';
import { HAZARD_LOG_MD, repositoryHazardLog } from './repository';

writeFileSync(HAZARD_LOG_MD, renderHazardLog(repositoryHazardLog()));
console.log(`Wrote ${HAZARD_LOG_MD}`);
