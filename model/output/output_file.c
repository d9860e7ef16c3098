/* Complete-or-absent output files (see output_file.h). */
#include "model/output/output_file.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/annotation.h"
#include "model/path.h"

static mode_t default_mode(void)
{
	mode_t mask = umask(0);
	umask(mask);
	return 0666 & ~mask;
}

bool output_file_open(OutputFile *file, const char *path, Diagnostics *diag)
{
	*file = (OutputFile){0};
	if (!path || strcmp(path, "-") == 0) {
		file->stream = stdout;
		file->path = xstrdup("standard output");
		return true;
	}
	file->path = xstrdup(path);
	struct stat st;
	bool exists = stat(path, &st) == 0;
	if (exists && S_ISDIR(st.st_mode)) {
		diagnostics_add(diag, DIAG_ERROR, path, 0, 0, "cannot write: is a folder");
		goto failed;
	}
	if (exists && !S_ISREG(st.st_mode)) {
		file->stream = fopen(path, "w");
		if (!file->stream) {
			diagnostics_add(diag, DIAG_ERROR, path, 0, 0, "cannot write: %s", strerror(errno));
			goto failed;
		}
		return true;
	}
	char *folder = path_folder(path);
	file->temporary = path_join(folder, ".saywho-output-XXXXXX");
	free(folder);
	int fd = mkstemp(file->temporary);
	if (fd < 0) {
		diagnostics_add(diag, DIAG_ERROR, path, 0, 0, "cannot write: %s", strerror(errno));
		goto failed;
	}
	if (fchmod(fd, exists ? st.st_mode & 07777 : default_mode()) != 0 ||
	    !(file->stream = fdopen(fd, "w"))) {
		diagnostics_add(diag, DIAG_ERROR, path, 0, 0, "cannot write: %s", strerror(errno));
		close(fd);
		unlink(file->temporary);
		goto failed;
	}
	return true;
failed:
	free(file->path);
	free(file->temporary);
	*file = (OutputFile){0};
	return false;
}

bool output_file_close(OutputFile *file, bool keep, Diagnostics *diag)
{
	if (!file->stream)
		return false;
	bool written = fflush(file->stream) == 0 && !ferror(file->stream);
	int error = written ? 0 : errno;
	if (file->stream == stdout) {
		/* stdout stays open: the program's exit closes it */
	} else if (fclose(file->stream) != 0 && written) {
		written = false;
		error = errno;
	}
	if (!written)
		diagnostics_add(diag, DIAG_ERROR, file->path, 0, 0, "cannot write: %s",
				strerror(error ? error : EIO));
	if (file->temporary) {
		if (written && keep && rename(file->temporary, file->path) != 0) {
			diagnostics_add(diag, DIAG_ERROR, file->path, 0, 0, "cannot write: %s", strerror(errno));
			written = false;
		}
		if (!written || !keep)
			unlink(file->temporary);
	}
	free(file->path);
	free(file->temporary);
	*file = (OutputFile){0};
	return written;
}
