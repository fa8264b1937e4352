#pragma once
// Sobel edges on a Plane.
#include "imgproc/plane.hpp"

namespace lv {

// |Gx| + |Gy| of the 3x3 Sobel operator divided by 4 (so a step of height 1
// between two flat regions gives 1 on the step), borders replicated.
Plane sobelMagnitude(const Plane& gray);

}  // namespace lv
