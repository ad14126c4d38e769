import type { GlobalOptions } from './global-options.ts';
import type { IdentityOptions } from './identity-options.ts';

/**
 * The commands that start adapters (the terminal chat, the chat servers). The CLI parses their flags; the process
 * entry point (bin/main.ts), the one module above the adapters, supplies what runs them.
 */
export interface ChatSurfaces {
  demo(options: DemoOptions): Promise<number>;
  serve(options: ServeOptions): Promise<number>;
}

export type DemoOptions = GlobalOptions & IdentityOptions & { yes: boolean };

export interface ServeOptions extends GlobalOptions {
  previewMinutes: string;
  drainSeconds: string;
  /** Teams without credentials: requests are not authenticated (a local emulator only). */
  insecureNoAuth?: boolean | undefined;
}
