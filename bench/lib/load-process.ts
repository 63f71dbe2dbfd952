// The load generator (bench/lib/load-client.ts) in a child process of its own, so that it does not
// share the idgraph server's event loop: bench/run.ts and bench/scale-out.ts drive it by messages.
import { type ChildProcess, fork } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { LoadMessage, LoadRequest } from "./load-client.js";

const benchDir = path.dirname(fileURLToPath(import.meta.url));

export class LoadClient {
  private readonly child: ChildProcess;
  private waiting: { resolve: (message: LoadMessage) => void; reject: (error: Error) => void } | undefined;

  /** `log` hears the client's progress lines. */
  constructor(log: (line: string) => void) {
    this.child = fork(path.join(benchDir, "load-client.ts"), [], {
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    this.child.on("message", (message: LoadMessage) => {
      if (message.type === "progress") log(message.line);
      else if (message.type === "failed") this.waiting?.reject(new Error(`load client: ${message.message}`));
      else this.waiting?.resolve(message);
    });
    this.child.on("exit", (code) => this.waiting?.reject(new Error(`load client exited (${code})`)));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  run<T extends LoadMessage>(request: LoadRequest): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting = { resolve: resolve as (message: LoadMessage) => void, reject };
      this.child.send(request);
    });
  }

  stop(): void {
    if (this.child.connected) this.child.send({ type: "exit" });
  }
}
