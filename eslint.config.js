// Lint rules that catch the bugs an async, money-handling engine cannot afford:
// a floating promise is an unobserved failure; a misused promise is a check that always passes.
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/**", "protos/generated/**", "results/**", "dist/**"] },
  {
    files: ["**/*.ts"],
    extends: [tseslint.configs.base],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/await-thenable": "error",
      "@typescript-eslint/switch-exhaustiveness-check": "error",
    },
  },
);
