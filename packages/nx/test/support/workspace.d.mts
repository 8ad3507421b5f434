// Types of workspace.mjs for the TypeScript e2e test.
export declare const REPO_ROOT: string;
export declare const PACKAGES: readonly string[];
export declare const NX_VERSION: string;
export declare function packPackages(dest: string, options?: { log?: (m: string) => void }): Record<string, string>;
export declare function createWorkspace(dir: string, tarballs: Record<string, string>, options?: { config?: string; log?: (m: string) => void }): void;
export declare function addProject(dir: string, root: string, name: string, files: Record<string, Uint8Array | string>): void;
export declare function runNx(dir: string, args: readonly string[], options?: { env?: Record<string, string> }): { status: number | null; output: string; ms: number };
export declare function git(dir: string, args: readonly string[]): string;
export declare function tasksIn(output: string): string[];
export declare function listFiles(dir: string, base?: string): string[];
