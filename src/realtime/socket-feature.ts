import type { ContainerInstance } from 'typedi';

/**
 * What a feature that speaks over sockets hands to the realtime transport. The app passes the list
 * to createSocketServer(), so adding a socket feature never changes realtime/.
 */
export interface SocketFeature {
  /** socket-controllers classes; every handler runs on an already authenticated socket. */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- socket-controllers types controllers as Function
  controllers: Function[];
  /** The largest valid event of this feature, in bytes with framing; larger frames drop the connection. */
  maxEventBytes: number;
  /**
   * Awaited on close after this instance's sockets were disconnected and before socket.io closes:
   * lets the feature finish what those disconnects started (chat's last presence announcements).
   */
  drain?(container: ContainerInstance): Promise<void>;
}
