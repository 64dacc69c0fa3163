// The system configuration: real devices, saved systems, directory files; and the default system.

export * from './types.ts';
export { validateSystemConfig, parseSystemConfig, systemConfigToJson, volumesOf, resolveConfigPath, type ConfigResult } from './validate.ts';
export { generateDefaultSystem, R6_IMAGE_CYLINDERS, CMSSEG_ADDRESS, SYSTEM_VOLUME_CYLINDERS, CONFIG_FILE, type DefaultSystem, type DefaultSystemOptions, type R6Material } from './default-system.ts';
