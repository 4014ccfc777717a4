/** Generated, disk-cached H.264/H.265 test clips (moving scene, burned-in frame counter) for the simulator and tests. */
package org.carewatch.tools.clip;
