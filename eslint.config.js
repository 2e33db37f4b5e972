// Lint rules that catch the bugs an async, money-handling engine cannot afford:
// a floating promise is an unobserved failure; a misused promise is a check that always passes.
// Import cycles are refused (they make module start-up order matter), and so are imports across the layers.
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import { importX } from "eslint-plugin-import-x";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/**", "protos/generated/**", "results/**", "dist/**"] },
  {
    files: ["**/*.ts"],
    extends: [tseslint.configs.base],
    plugins: { "import-x": importX },
    // Imports name the compiled `.js` files (NodeNext); the TypeScript resolver finds the `.ts` sources behind them.
    settings: {
      ...importX.flatConfigs.typescript.settings,
      "import-x/resolver-next": [createTypeScriptImportResolver({ project: "tsconfig.json" })],
    },
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/await-thenable": "error",
      "@typescript-eslint/switch-exhaustiveness-check": "error",
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      // The layers of docs/runtime.md: the runtime knows no actor and no adapter; actors know neither adapters nor
      // the programs that wire them.
      "import-x/no-restricted-paths": [
        "error",
        {
          zones: [
            { target: "./runtime", from: ["./actors", "./adapters", "./bin", "./cli"], message: "the runtime declares ports; it must not depend on actors, adapters or programs" },
            { target: "./actors", from: ["./adapters", "./bin", "./cli"], message: "actors are pure logic; adapters and programs depend on them, not the reverse" },
          ],
        },
      ],
    },
  },
);
