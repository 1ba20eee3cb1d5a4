/** Versions of the packages shared with widget extensions, written in by webpack (DefinePlugin). */
declare const SHARED_VERSIONS: Record<string, string>;
