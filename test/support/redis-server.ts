export {
  WAITAOF_SERVER,
  freePort,
  startRedisServer,
  type RedisServerHandle,
} from "../../src/platform/redis-process.js";
