module demo.app {
  requires io.guidesdk.core;
}
