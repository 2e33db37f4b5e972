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
            {
              target: "./runtime",
              from: [
                "./actors",
                "./read-models",
                "./decisions",
                "./reconciliation",
                "./adapters",
                "./engine",
                "./simulator",
                "./bin",
                "./cli",
              ],
              message: "the runtime declares ports; it must not depend on actors, read models, adapters or programs",
            },
            {
              target: "./actors",
              from: [
                "./read-models",
                "./decisions",
                "./reconciliation",
                "./adapters",
                "./engine",
                "./simulator",
                "./bin",
                "./cli",
              ],
              message: "actors are pure logic; read models, adapters and programs depend on them, not the reverse",
            },
            {
              target: "./read-models",
              from: ["./decisions", "./reconciliation", "./adapters", "./engine", "./simulator", "./bin", "./cli"],
              message: "read models fold events; adapters and programs depend on them, not the reverse",
            },
            {
              target: "./decisions",
              from: ["./adapters", "./engine", "./simulator", "./bin", "./cli"],
              message: "the decision engine reads actors and read models through ports; engine/ wires its adapters",
            },
            {
              target: "./reconciliation",
              from: ["./decisions", "./adapters", "./engine", "./simulator", "./bin", "./cli"],
              message: "reconciliation parses, matches and reads actors through ports; engine/ wires its adapters",
            },
            {
              target: "./adapters",
              from: ["./engine", "./simulator", "./bin", "./cli"],
              message: "adapters implement ports; the composition root (engine/) wires them, not the reverse",
            },
            {
              target: "./simulator",
              from: ["./read-models", "./decisions", "./engine", "./cli"],
              message:
                "the bank simulator stands on the far side of the wire: it may share money and wire types, not the engine",
            },
            {
              target: [
                "./runtime",
                "./actors",
                "./read-models",
                "./decisions",
                "./reconciliation",
                "./adapters",
                "./engine",
                "./simulator",
                "./cli",
              ],
              from: ["./simulation"],
              message: "the liquidity simulation drives the engine's parts; nothing but its executable (bin/) uses it",
            },
            {
              target: "./simulation",
              from: ["./bin", "./cli"],
              message: "the liquidity simulation may use the engine's parts, not its programs or the client",
            },
          ],
        },
      ],
    },
  },
);
