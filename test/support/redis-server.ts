export { freePort, startRedisServer, type RedisServerHandle } from "../../src/platform/redis-process.js";
