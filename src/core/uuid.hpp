#pragma once
#include <string>

namespace lv {

// A random (version 4) UUID, made on the device: Azure's requestId.
std::string randomUuid();

}  // namespace lv
