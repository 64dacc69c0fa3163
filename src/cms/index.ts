// Our CMS, host side: the build that assembles cms/ into the CMS saved system.
export {
  bannerDate,
  buildCms,
  CMS_BUILD_DATE,
  CMS_ROOT,
  CmsBuildError,
  nucleusSources,
  USER_AREA,
  writeCmsBuild,
  type CmsBuild,
  type CmsBuildOptions,
  type CmsBuildOutput,
} from './build.ts';
